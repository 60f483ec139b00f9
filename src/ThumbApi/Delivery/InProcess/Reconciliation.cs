using Microsoft.Extensions.Options;
using ThumbApi.Storage;
using ThumbApi.Thumbnails;

namespace ThumbApi.Delivery.InProcess;

/// <summary>
/// Events delivered in process live only in memory, and a local S3-compatible server's forwarder sends each event
/// once: a crash, or the API being down, would leave originals pending for ever. So at start (unless
/// <c>Storage:BackfillOnStart</c> is off) every original still without thumbnails or a failure record is processed,
/// and then every <c>Storage:ReconcileInterval</c> one page of originals, resuming where the last one ended.
/// </summary>
public sealed partial class Reconciliation(
    ThumbnailBackfill backfill,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<Reconciliation> logger) : BackgroundService
{
    private const int PageSize = 1000;

    /// <summary>Younger originals may still have their event on the way; processing them too would do it twice.</summary>
    private static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.BackfillOnStart)
        {
            string? startAfter = null;
            do
            {
                startAfter = await PageAsync(startAfter, modifiedBefore: null, stoppingToken);
            } while (startAfter is not null);
        }
        if (settings.ReconcileInterval <= TimeSpan.Zero) return;

        using var timer = new PeriodicTimer(settings.ReconcileInterval, time);
        string? resumeAfter = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
            resumeAfter = await PageAsync(resumeAfter, time.GetUtcNow() - MinimumAge, stoppingToken);
    }

    /// <returns>Where the next page starts; <c>null</c> after the last page, or when this one could not be read.</returns>
    private async Task<string?> PageAsync(string? startAfter, DateTimeOffset? modifiedBefore, CancellationToken stoppingToken)
    {
        try
        {
            var request = new BackfillRequest(StartAfter: startAfter, MaxImages: PageSize);
            return (await backfill.RunAsync(request, stoppingToken, modifiedBefore)).NextStartAfter;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store failing to list must not stop the host; the next pass starts over.
            LogPageFailed(e, startAfter);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation could not check the originals after {StartAfter}; the next pass starts over")]
    private partial void LogPageFailed(Exception exception, string? startAfter);
}
