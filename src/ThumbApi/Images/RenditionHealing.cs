namespace ThumbApi.Images;

/// <summary>
/// What a lookup does when it finds a rendition missing or outdated: asks for a refresh once per image per
/// <see cref="Window"/>, not once per poll, so a client polling every second while the rendition is made does not
/// queue the same work again and again.
/// </summary>
/// <remarks>
/// The memory of requests is per process and bounded: when <see cref="MaxRemembered"/> images wait at once, further
/// requests go out unremembered. That costs a duplicate request at worst, and a refresh of an image that is already
/// current writes nothing.
/// </remarks>
public sealed partial class RenditionHealing(IRenditionRefresh refresh, TimeProvider time, ILogger<RenditionHealing> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    public const int MaxRemembered = 10_000;

    private readonly Dictionary<string, DateTimeOffset> _asked = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public async Task RequestAsync(ImageName name, CancellationToken cancellationToken)
    {
        if (!TryClaim(name.Value)) return;
        try
        {
            await refresh.RequestAsync(name, cancellationToken);
            LogRequested(name.Value);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lookup still answers 202: the client's next poll asks again.
            Forget(name.Value);
            LogRequestFailed(e, name.Value);
        }
    }

    private bool TryClaim(string name)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_asked.TryGetValue(name, out var at) && now - at < Window) return false;
            if (_asked.Count >= MaxRemembered)
            {
                foreach (var (expired, _) in _asked.Where(a => now - a.Value >= Window).ToList()) _asked.Remove(expired);
                if (_asked.Count >= MaxRemembered) return true;
            }
            _asked[name] = now;
            return true;
        }
    }

    private void Forget(string name)
    {
        lock (_lock) _asked.Remove(name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked for the missing or outdated renditions of {Name}")]
    private partial void LogRequested(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask for the renditions of {Name}; the next lookup asks again")]
    private partial void LogRequestFailed(Exception exception, string name);
}
