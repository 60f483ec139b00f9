namespace ThumbApi.Images;

/// <summary>
/// Asks for one image's missing or outdated renditions to be made, off the request path: by this process's own
/// worker locally, by an asynchronous invocation of the <c>thumbnails</c> function on Lambda.
/// </summary>
public interface IRenditionRefresh
{
    /// <summary>Returns once the request is queued, long before the renditions are made.</summary>
    Task RequestAsync(ImageName name, CancellationToken cancellationToken);
}
