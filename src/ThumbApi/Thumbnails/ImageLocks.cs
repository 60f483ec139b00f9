namespace ThumbApi.Thumbnails;

/// <summary>
/// One holder at a time per image name within this process, so that two deliveries of the same image (a
/// duplicate event, the start-up backfill racing a live event) never write its thumbnails concurrently.
/// </summary>
public sealed class ImageLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var entry = _locks.TryGetValue(name, out var found) ? found : (Gate: new SemaphoreSlim(1, 1), Users: 0);
            _locks[name] = (entry.Gate, entry.Users + 1);
            gate = entry.Gate;
        }
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(name, gate, held: false);
            throw;
        }
        return new Holder(() => Release(name, gate, held: true));
    }

    private void Release(string name, SemaphoreSlim gate, bool held)
    {
        if (held) gate.Release();
        lock (_locks)
        {
            var entry = _locks[name];
            if (entry.Users == 1) _locks.Remove(name);
            else _locks[name] = (entry.Gate, entry.Users - 1);
        }
    }

    private sealed class Holder(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
