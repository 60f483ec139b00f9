using ThumbApi.Images;
using ThumbApi.Storage;

namespace ThumbApi.Health;

/// <summary>
/// Whether the store answers with the service's own credentials: one metadata lookup of a key that need not exist
/// (what every status lookup does), remembered for a few seconds so that a load balancer polling <c>/health</c>
/// costs the store next to nothing.
/// </summary>
public sealed class StorageProbe(IObjectStore store, TimeProvider time)
{
    private const string ProbeKey = ImageName.ImagesPrefix + ".health-probe";
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, string? Problem)? _last;

    /// <returns><c>null</c> when the store answered, otherwise what went wrong.</returns>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < Freshness) return last.Problem;
            string? problem = null;
            try
            {
                await store.GetInfoAsync(ProbeKey, cancellationToken);
            }
            catch (Exception e) when (e is StorageUnavailableException or IOException or UnauthorizedAccessException)
            {
                problem = e is StorageUnavailableException { PublicReason: { } reason } ? reason : "The image store cannot be read.";
            }
            _last = (time.GetUtcNow(), problem);
            return problem;
        }
        finally
        {
            _gate.Release();
        }
    }
}
