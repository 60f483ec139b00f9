using ThumbApi.Images;

namespace ThumbApi.Thumbnails;

/// <summary>
/// What happened to an image, told to whoever listens (webhooks) as it happens. Telling must never wait on a
/// listener: an implementation queues and returns.
/// </summary>
public interface IImageEvents
{
    /// <summary>An upload's thumbnails are all made.</summary>
    void Ready(ImageName name, ImageDetails details);

    /// <summary>An upload can never be thumbnailed.</summary>
    void Failed(ImageName name, string reason);

    /// <summary>An original was removed, and everything made of it with it.</summary>
    void Deleted(ImageName name);
}
