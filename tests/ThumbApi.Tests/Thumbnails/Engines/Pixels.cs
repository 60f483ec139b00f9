using NetVips;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>Reads a rendered thumbnail back for assertions: colours by sampling, metadata by its fields.</summary>
internal static class Pixels
{
    public static (double R, double G, double B, double A) At(byte[] content, int x, int y)
    {
        using var image = Image.NewFromBuffer(content);
        var p = image.Getpoint(x, y);
        return p.Length switch
        {
            1 => (p[0], p[0], p[0], 255),
            2 => (p[0], p[0], p[0], p[1]),
            3 => (p[0], p[1], p[2], 255),
            _ => (p[0], p[1], p[2], p[3]),
        };
    }

    public static void AssertColour(double[] expected, byte[] content, int x, int y, double tolerance = 48)
    {
        var (r, g, b, _) = At(content, x, y);
        var distance = Math.Max(Math.Abs(r - expected[0]), Math.Max(Math.Abs(g - expected[1]), Math.Abs(b - expected[2])));
        Assert.True(distance <= tolerance,
            $"At ({x},{y}) expected ≈({string.Join(",", expected)}), got ({r:F0},{g:F0},{b:F0}).");
    }

    public static (int Width, int Height) Size(byte[] content)
    {
        using var image = Image.NewFromBuffer(content);
        return (image.Width, image.Height);
    }

    /// <summary>The metadata fields libvips finds in an encoded image: none of them may survive into a thumbnail.</summary>
    public static IReadOnlyList<string> MetadataFields(byte[] content)
    {
        using var image = Image.NewFromBuffer(content);
        return image.GetFields()
            .Where(f => f is "exif-data" or "xmp-data" or "icc-profile-data" or "iptc-data" or "orientation" || f.StartsWith("exif-ifd", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>
    /// Mean absolute difference of each band, in levels (0–255), of two encoded images of the same size, as they look:
    /// colours weighted by their alpha (a fully transparent pixel's colour is invisible, and resampling is free to
    /// change it), and an alpha band that is opaque everywhere counted the same as none.
    /// </summary>
    public static double[] MeanAbsoluteDifference(byte[] content, byte[] reference)
    {
        using var image = Visible(content);
        using var expected = Visible(reference);
        Assert.Equal((expected.Width, expected.Height, expected.Bands), (image.Width, image.Height, image.Bands));
        using var difference = (image - expected).Abs();
        return Enumerable.Range(0, difference.Bands).Select(band => difference[band].Avg()).ToArray();
    }

    private static Image Visible(byte[] content)
    {
        using var image = Image.NewFromBuffer(content);
        if (!image.HasAlpha()) return image.Cast(Enums.BandFormat.Float);
        using var alpha = image[image.Bands - 1];
        return alpha.Min() == 255 ? image.ExtractBand(0, n: image.Bands - 1).Cast(Enums.BandFormat.Float) : image.Premultiply();
    }
}
