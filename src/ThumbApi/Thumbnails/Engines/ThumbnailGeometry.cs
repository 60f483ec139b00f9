using ThumbApi.Images;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// The size of a thumbnail: scale (never up), then crop to the box for <c>cover</c> (the centre) and <c>attention</c>
/// (the most salient region). libvips' thumbnail operation with <c>size=down</c> follows the same rule; ImageSharp
/// has no such operation, so its engine uses this, and the conformance tests hold both engines to it.
/// </summary>
public readonly record struct ThumbnailGeometry(int ResizedWidth, int ResizedHeight, int Width, int Height)
{
    /// <summary>Whether the crop keeps the most salient region rather than the centre (<see cref="ThumbnailFit.Attention"/>).</summary>
    public bool Salient { get; init; }

    public static ThumbnailGeometry For(int sourceWidth, int sourceHeight, ThumbnailPreset preset)
    {
        var widthScale = (double)preset.Width / sourceWidth;
        var heightScale = (double)preset.Height / sourceHeight;
        var fills = preset.Fit is ThumbnailFit.Cover or ThumbnailFit.Attention;
        var scale = Math.Min(1, fills ? Math.Max(widthScale, heightScale) : Math.Min(widthScale, heightScale));
        // A 10000×1 strip still has a row: no side may round down to nothing.
        var resizedWidth = Math.Max(1, (int)Math.Round(sourceWidth * scale));
        var resizedHeight = Math.Max(1, (int)Math.Round(sourceHeight * scale));
        return fills
            ? new(resizedWidth, resizedHeight, Math.Min(resizedWidth, preset.Width), Math.Min(resizedHeight, preset.Height)) { Salient = preset.Fit == ThumbnailFit.Attention }
            : new(resizedWidth, resizedHeight, resizedWidth, resizedHeight);
    }

    /// <summary>
    /// The one size to decode to when every preset is derived from a single decode: each side as large as any preset
    /// resizes to, so every thumbnail is a reduction (or a crop) of it, never an enlargement.
    /// </summary>
    public static (int Width, int Height) Covering(IReadOnlyCollection<ThumbnailGeometry> geometries) =>
        (geometries.Max(g => g.ResizedWidth), geometries.Max(g => g.ResizedHeight));
}
