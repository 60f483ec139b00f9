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
}
