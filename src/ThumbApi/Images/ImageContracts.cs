namespace ThumbApi.Images;

/// <param name="Status"><c>pending</c>, <c>ready</c> or <c>failed</c>.</param>
/// <param name="Reason">Why the image cannot be thumbnailed, when it failed.</param>
/// <param name="Thumbnails">Preset → lookup URL of its thumbnail.</param>
/// <param name="Width">When ready: the original's width as displayed (after its EXIF orientation), to reserve the space.</param>
/// <param name="Height">When ready: the original's height as displayed.</param>
/// <param name="Placeholder">When ready: a <c>data:image/png</c> URI (at most 2 KB) at the image's aspect ratio, to show scaled up until a thumbnail loads.</param>
/// <param name="ThumbHash">When ready: the ThumbHash (base64) the placeholder is rendered from, for clients that render their own.</param>
/// <param name="DominantColor">When ready: the colour most of the image is, <c>#rrggbb</c>.</param>
public sealed record ImageStatusResponse(
    string Name,
    string Status,
    string? Reason,
    IReadOnlyDictionary<string, string> Thumbnails,
    int? Width = null,
    int? Height = null,
    string? Placeholder = null,
    string? ThumbHash = null,
    string? DominantColor = null)
{
    public static ImageStatusResponse Of(ImageName name, ImageStatus status, IReadOnlyDictionary<string, string> thumbnails) => new(
        name.Value, status.State.ToString().ToLowerInvariant(), status.Reason, thumbnails,
        status.Details?.Width, status.Details?.Height, status.Details?.Placeholder, status.Details?.ThumbHash, status.Details?.DominantColor);
}
