namespace ThumbApi.Images;

/// <summary>
/// What a page needs before any thumbnail loads, made from the same decode as the thumbnails and kept in the rendition
/// record: the size to reserve, and something to show meanwhile.
/// </summary>
/// <param name="Width">The original's width as displayed, after its EXIF orientation.</param>
/// <param name="Height">The original's height as displayed.</param>
/// <param name="Placeholder">A <c>data:image/png</c> URI of at most 2 KB with the image's aspect ratio, to scale up blurred.</param>
/// <param name="ThumbHash">The ThumbHash it is rendered from, base64, for clients that render their own.</param>
/// <param name="DominantColor">The colour most of the image is, <c>#rrggbb</c>.</param>
public sealed record ImageDetails(int Width, int Height, string Placeholder, string ThumbHash, string DominantColor);
