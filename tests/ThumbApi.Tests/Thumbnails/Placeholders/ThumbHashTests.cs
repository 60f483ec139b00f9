using ThumbApi.Thumbnails.Placeholders;

namespace ThumbApi.Tests.Thumbnails.Placeholders;

public class ThumbHashTests
{
    private static byte[] Fill(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> colour)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = colour(x, y);
                var i = (y * width + x) * 4;
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (r, g, b, a);
            }
        }
        return rgba;
    }

    [Fact]
    public void A_solid_colour_comes_back_as_that_colour()
    {
        var hash = ThumbHash.Encode(40, 30, Fill(40, 30, (_, _) => (0x33, 0x66, 0xcc, 255)));

        var (r, g, b, a) = ThumbHash.AverageColor(hash);
        Assert.Equal((0.2, 0.4, 0.8, 1.0), (Math.Round(r, 1), Math.Round(g, 1), Math.Round(b, 1), a));
        var (width, height, rgba) = ThumbHash.Decode(hash);
        for (var i = 0; i < width * height * 4; i += 4)
        {
            Assert.InRange(rgba[i], 0x33 - 8, 0x33 + 8);
            Assert.InRange(rgba[i + 1], 0x66 - 8, 0x66 + 8);
            Assert.InRange(rgba[i + 2], 0xcc - 8, 0xcc + 8);
            Assert.Equal(255, rgba[i + 3]);
        }
    }

    [Fact]
    public void An_opaque_image_fits_in_25_bytes_and_keeps_its_orientation()
    {
        var landscape = ThumbHash.Encode(100, 50, Fill(100, 50, (x, y) => ((byte)(x * 2), (byte)(y * 4), 90, 255)));
        var portrait = ThumbHash.Encode(50, 100, Fill(50, 100, (x, y) => ((byte)(x * 4), (byte)(y * 2), 90, 255)));

        Assert.InRange(landscape.Length, 5, 25);
        Assert.InRange(portrait.Length, 5, 25);
        var (lx, ly) = ThumbHash.AspectTerms(landscape);
        Assert.True(lx > ly, $"{lx}×{ly}");
        var (width, height, _) = ThumbHash.Decode(portrait);
        Assert.True(height > width, $"{width}×{height}");
    }

    [Fact]
    public void Where_the_image_is_red_and_where_it_is_blue_survives_the_round_trip()
    {
        var hash = ThumbHash.Encode(60, 40, Fill(60, 40, (x, _) => x < 30 ? ((byte)220, (byte)30, (byte)30, (byte)255) : ((byte)30, (byte)30, (byte)220, (byte)255)));

        var rgba = ThumbHash.Decode(hash, 60, 40);

        var left = (10 * 60 + 5) * 4;
        var right = (10 * 60 + 55) * 4;
        Assert.True(rgba[left] > rgba[left + 2] + 60, $"left is {rgba[left]},{rgba[left + 1]},{rgba[left + 2]}");
        Assert.True(rgba[right + 2] > rgba[right] + 60, $"right is {rgba[right]},{rgba[right + 1]},{rgba[right + 2]}");
    }

    [Fact]
    public void Transparency_is_kept_where_it_is()
    {
        var hash = ThumbHash.Encode(40, 40, Fill(40, 40, (x, _) => ((byte)200, (byte)100, (byte)50, x < 20 ? (byte)0 : (byte)255)));

        Assert.True((hash[2] & 0x80) != 0, "the alpha flag is set");
        var rgba = ThumbHash.Decode(hash, 40, 40);
        Assert.True(rgba[(20 * 40 + 3) * 4 + 3] < 80, "the transparent side stays transparent");
        Assert.True(rgba[(20 * 40 + 36) * 4 + 3] > 180, "the opaque side stays opaque");
    }

    [Theory]
    [InlineData(101, 10)]
    [InlineData(10, 101)]
    [InlineData(0, 10)]
    public void Only_images_of_at_most_100_by_100_are_encoded(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThumbHash.Encode(width, height, new byte[Math.Max(0, width * height * 4)]));
    }

    [Fact]
    public void A_hash_too_short_is_refused_rather_than_read_past_its_end()
    {
        Assert.Throws<ArgumentException>(() => ThumbHash.Decode([1, 2, 3]));
    }
}
