using Microsoft.Extensions.Options;
using ThumbApi.Thumbnails;

namespace ThumbApi.Storage.Local;

/// <summary>
/// Events of the embedded store live only in memory, so a crash between an upload and its thumbnails would lose
/// them: at every start, uploads cut off mid-transfer are discarded and every original still without thumbnails
/// or a failure record is processed.
/// </summary>
public sealed class LocalStartupRecovery(
    LocalObjectStore store,
    ThumbnailBackfill backfill,
    IOptions<StorageOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.DiscardStaged();
        if (!options.Value.BackfillOnStart) return;
        string? startAfter = null;
        do
        {
            startAfter = (await backfill.RunAsync(new BackfillRequest(StartAfter: startAfter, MaxImages: 1000), stoppingToken)).NextStartAfter;
        } while (startAfter is not null);
    }
}
