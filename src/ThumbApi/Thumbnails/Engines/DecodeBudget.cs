namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// The limits on what one decode may cost, checked from the header before any pixel is decoded. The pixel limit alone
/// does not bound it: a cover preset of a source thinner than its box keeps the source's scale (never enlarged), so
/// a 50,000,000×1 strip asks for a 50,000,000-pixel-wide decode, and a decoder pays per row and per row's width.
/// </summary>
/// <param name="MaxBytes"><c>Thumbnails:MaxDecodeBytes</c>: the pixels a decode may hold at once.</param>
/// <param name="MaxSide"><c>Thumbnails:MaxSourceSide</c>: the longest row, and the most rows, a decoder may stream through.</param>
public sealed record DecodeBudget(long MaxBytes, int MaxSide)
{
    public static DecodeBudget From(ThumbnailOptions options) => new(options.MaxDecodeBytes, options.MaxSourceSide);

    /// <summary>
    /// The bytes of pixels the codec holds at once, at its shrink-on-load scale: the whole loaded image if it keeps
    /// one, the window of full-width rows its processing streams through, and the decode at <paramref name="covering"/>
    /// (upright sides) every preset is cut from.
    /// </summary>
    public static long BytesHeld(SourceHeader header, (int Width, int Height) covering, DecodeFootprint footprint)
    {
        var shrink = Math.Max(1, footprint.Shrink);
        var (width, height) = (Ceiling(header.Width, shrink), Ceiling(header.Height, shrink));
        return width * height * footprint.WholeImageBytesPerPixel
            + width * Math.Min(footprint.WindowRows, height) * footprint.WindowBytesPerPixel
            + (long)covering.Width * covering.Height * footprint.DecodedBytesPerPixel;
    }

    /// <summary>Why the decode must not run, for a person; <c>null</c> when it fits.</summary>
    public string? Refusal(SourceHeader header, ImageFormat format, (int Width, int Height) covering, DecodeFootprint footprint)
    {
        if (Math.Max(header.Width, header.Height) > MaxSide)
            return $"The {format.DisplayName()} image is {header.Width}×{header.Height}: a side longer than the limit of {MaxSide:N0} pixels "
                + "(Thumbnails:MaxSourceSide), which bounds the rows a decoder streams through and the width of each.";
        var held = BytesHeld(header, covering, footprint);
        if (held <= MaxBytes) return null;
        return $"The {format.DisplayName()} image is {header.Width}×{header.Height}: thumbnailing it would hold {Megabytes(held)} of pixels "
            + $"(its rows as the decoder holds them and a {covering.Width}×{covering.Height} decode for the presets), "
            + $"more than the memory budget of {Megabytes(MaxBytes)} (Thumbnails:MaxDecodeBytes).";
    }

    private static long Ceiling(int side, int shrink) => (side + shrink - 1) / shrink;

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):N0} MiB";
}
