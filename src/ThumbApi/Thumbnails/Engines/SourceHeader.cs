namespace ThumbApi.Thumbnails.Engines;

/// <summary>An original as its header describes it, before any pixel is decoded.</summary>
/// <param name="Width">As stored, before EXIF orientation.</param>
/// <param name="SwapsSides">Whether its EXIF orientation (5–8) turns it a quarter.</param>
/// <param name="HasColourProfile">Whether it embeds an ICC profile to convert from.</param>
public sealed record SourceHeader(int Width, int Height, int Frames, bool SwapsSides, bool HasColourProfile)
{
    public int UprightWidth => SwapsSides ? Height : Width;
    public int UprightHeight => SwapsSides ? Width : Height;
    public long Pixels => (long)Width * Height * Frames;
}
