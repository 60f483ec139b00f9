using ThumbApi.Images;
using ThumbApi.Storage;

namespace ThumbApi.Thumbnails;

/// <summary>
/// The cascade of a removed original (<c>ObjectRemoved:*</c>, whoever removed it: the API, the console, a lifecycle
/// rule): everything derived from it goes too.
/// </summary>
public sealed partial class ImageRemoval(
    IObjectStore store, DerivedObjects derived, ThumbnailGenerator generator, IImageEvents events, ImageLocks locks, ILogger<ImageRemoval> logger)
{
    /// <remarks>
    /// Idempotent: a removal delivered twice removes nothing the second time and succeeds. A removal that arrives after
    /// a new upload under the same name (events are not ordered) finds the original there and leaves everything to
    /// that upload's own event.
    /// </remarks>
    public async Task<ThumbnailOutcome> RemoveAsync(ImageName name, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ImageKey"] = name.ImageKey });
        // After any job of this image in this process: what it writes is then removed too.
        using (await locks.AcquireAsync(name.Value, cancellationToken))
        {
            if (await store.GetInfoAsync(name.ImageKey, cancellationToken) is not null)
            {
                LogStillThere(name.ImageKey);
                return ThumbnailOutcome.Skipped;
            }
            await derived.DeleteAsync(name, cancellationToken);
        }
        // Told for every delivery of the removal: a receiver may see image.deleted twice, with different ids.
        await events.DeletedAsync(name, cancellationToken);
        LogRemoved(name.ImageKey);
        // A new upload under the name may have been made, on another instance, between the check and the deletes: its
        // thumbnails went with the old ones, and its own event may be over. It is made again, outside the lock.
        if (await store.GetInfoAsync(name.ImageKey, cancellationToken) is not null)
        {
            LogUploadedMeanwhile(name.ImageKey);
            await generator.RefreshAsync(name, cancellationToken);
        }
        return ThumbnailOutcome.Removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Key} was uploaded again while its removal ran; its thumbnails are made again")]
    private partial void LogUploadedMeanwhile(string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the thumbnails and records of {Key}, whose original was removed")]
    private partial void LogRemoved(string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept what was made of {Key}: the original is there again, and its upload's event decides")]
    private partial void LogStillThere(string key);
}
