using Microsoft.Extensions.Options;
using ThumbApi.Storage;
using ThumbApi.Thumbnails;

namespace ThumbApi.Delivery.InProcess;

/// <summary>
/// Events delivered in process live only in memory, so a crash between an upload and its thumbnails would lose
/// them: at every start (unless <c>Storage:BackfillOnStart</c> is off), every original still without thumbnails or
/// a failure record is processed.
/// </summary>
public sealed class StartupRecovery(ThumbnailBackfill backfill, IOptions<StorageOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackfillOnStart) return;
        string? startAfter = null;
        do
        {
            startAfter = (await backfill.RunAsync(new BackfillRequest(StartAfter: startAfter, MaxImages: 1000), stoppingToken)).NextStartAfter;
        } while (startAfter is not null);
    }
}
