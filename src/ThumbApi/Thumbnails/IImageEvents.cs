using ThumbApi.Images;

namespace ThumbApi.Thumbnails;

/// <summary>
/// What happened to an image, told to whoever listens (webhooks) as it happens. Telling never waits on a listener:
/// an implementation queues (in memory, or on a queue service) and returns.
/// </summary>
/// <remarks>
/// A failure to queue propagates, like a storage failure: the event's delivery is retried, and the job it came from
/// is done again, so that the event is told at least once.
/// </remarks>
public interface IImageEvents
{
    /// <summary>An upload's thumbnails are all made.</summary>
    Task ReadyAsync(ImageName name, ImageDetails details, CancellationToken cancellationToken);

    /// <summary>An upload can never be thumbnailed.</summary>
    Task FailedAsync(ImageName name, string reason, CancellationToken cancellationToken);

    /// <summary>An original was removed, and everything made of it with it.</summary>
    Task DeletedAsync(ImageName name, CancellationToken cancellationToken);
}
