namespace ThumbApi.Thumbnails.Engines;

/// <summary>An original as its header describes it, before any pixel is decoded.</summary>
/// <param name="Width">As stored, before EXIF orientation.</param>
/// <param name="SwapsSides">Whether its EXIF orientation (5–8) turns it a quarter.</param>
/// <param name="HasColourProfile">Whether it embeds an ICC profile to convert from.</param>
/// <param name="BytesPerPixel">As stored: bands × bytes per sample (a 16-bit RGBA PNG has 8).</param>
/// <param name="Interlaced">Interlaced PNG or progressive JPEG: a decoder must hold the whole image before any row is final.</param>
public sealed record SourceHeader(int Width, int Height, int Frames, bool SwapsSides, bool HasColourProfile, int BytesPerPixel, bool Interlaced)
{
    public int UprightWidth => SwapsSides ? Height : Width;
    public int UprightHeight => SwapsSides ? Width : Height;
    public long Pixels => (long)Width * Height * Frames;
}
