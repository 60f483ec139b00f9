using NetVips;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>Inputs made in the test, with libvips, so each one exercises exactly one property.</summary>
internal static class TestImages
{
    public static readonly double[] Red = [255, 0, 0];
    public static readonly double[] Green = [0, 255, 0];
    public static readonly double[] Blue = [0, 0, 255];
    public static readonly double[] Yellow = [255, 255, 0];
    public static readonly double[] White = [255, 255, 255];

    public static Image Solid(int width, int height, double[] colour) =>
        (Image.Black(width, height, bands: colour.Length) + colour).Cast(Enums.BandFormat.Uchar)
            .Copy(interpretation: colour.Length >= 3 ? Enums.Interpretation.Srgb : Enums.Interpretation.Bw);

    /// <summary>Upright 300×200: red | green over blue | yellow, so any flip or turn moves a colour.</summary>
    public static Image Quadrants() => Image.Arrayjoin(
        [Solid(150, 100, Red), Solid(150, 100, Green), Solid(150, 100, Blue), Solid(150, 100, Yellow)], across: 2);

    /// <summary>A JPEG whose pixels are stored so that applying EXIF orientation <paramref name="orientation"/> shows <see cref="Quadrants"/>.</summary>
    public static byte[] OrientedJpeg(int orientation)
    {
        using var upright = Quadrants();
        // The stored pixels are the inverse of the display transform; 2–5 and 7 are their own inverses.
        using var stored = orientation switch
        {
            1 => upright.Copy(),
            2 => upright.FlipHor(),
            3 => upright.Rot180(),
            4 => upright.FlipVer(),
            5 => upright.Rot90().FlipHor(), // transpose
            6 => upright.Rot270(),
            7 => upright.Rot90().FlipVer(), // transverse
            8 => upright.Rot90(),
            _ => throw new ArgumentOutOfRangeException(nameof(orientation)),
        };
        using var tagged = stored.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
        return tagged.JpegsaveBuffer(q: 95);
    }

    /// <summary>100×100: the left half fully transparent black, the right half opaque red.</summary>
    public static Image HalfTransparent() => Image.Arrayjoin(
        [Solid(50, 100, [0, 0, 0, 0]), Solid(50, 100, [255, 0, 0, 255])], across: 2);

    /// <summary>Frames stacked the way libvips saves animations: red, then green, then blue.</summary>
    public static Image Animation(int width, int height) =>
        Image.Arrayjoin([Solid(width, height, Red), Solid(width, height, Green), Solid(width, height, Blue)], across: 1)
            .Mutate(m =>
            {
                m.Set(GValue.GIntType, "page-height", height);
                m.Set(GValue.ArrayIntType, "delay", new[] { 100, 100, 100 });
            });
}
