using Microsoft.Extensions.Options;
using ThumbApi.Thumbnails;

namespace ThumbApi.Storage.Local;

/// <summary>
/// Events of the embedded store live only in memory, so a crash between an upload and its thumbnails would lose
/// them: at every start, every original still without thumbnails or a failure record is processed.
/// </summary>
public sealed class LocalBackfillOnStart(IServiceScopeFactory scopes, IOptions<StorageOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackfillOnStart) return;
        await using var scope = scopes.CreateAsyncScope();
        var backfill = scope.ServiceProvider.GetRequiredService<ThumbnailBackfill>();
        string? startAfter = null;
        do
        {
            startAfter = (await backfill.RunAsync(new BackfillRequest(StartAfter: startAfter, MaxImages: 1000), stoppingToken)).NextStartAfter;
        } while (startAfter is not null);
    }
}
