using ThumbApi.Thumbnails.Placeholders;

namespace ThumbApi.Tests.Thumbnails.Placeholders;

public class PlaceholderTests
{
    private static byte[] Noise(int width, int height, int seed, bool alpha)
    {
        var random = new Random(seed);
        var rgba = new byte[width * height * 4];
        random.NextBytes(rgba);
        if (!alpha)
            for (var i = 3; i < rgba.Length; i += 4) rgba[i] = 255;
        return rgba;
    }

    [Theory]
    [InlineData(4000, 3000)]
    [InlineData(3000, 4000)]
    [InlineData(1, 4000)]
    [InlineData(4000, 1)]
    [InlineData(65535, 79)]
    [InlineData(1, 1)]
    public void The_placeholder_has_the_images_aspect_ratio_to_the_pixel(int width, int height)
    {
        var hash = ThumbHash.Encode(10, 10, Noise(10, 10, 1, alpha: false));

        var uri = PlaceholderPng.DataUri(hash, width, height);

        using var png = NetVips.Image.NewFromBuffer(Convert.FromBase64String(uri["data:image/png;base64,".Length..]));
        Assert.InRange(Math.Max(png.Width, png.Height), 8, 32);
        // Within the rounding of one side: the page reserves width × height and the placeholder fills it undistorted.
        if (width >= height) Assert.InRange(png.Height, Math.Max(1, png.Width * (double)height / width - 1), png.Width * (double)height / width + 1);
        else Assert.InRange(png.Width, Math.Max(1, png.Height * (double)width / height - 1), png.Height * (double)width / height + 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Even_the_busiest_hash_gives_a_placeholder_under_2_KB(bool alpha)
    {
        // Random pixels make the largest terms a hash can hold: the worst case for the PNG's compression.
        for (var seed = 0; seed < 50; seed++)
        {
            var hash = ThumbHash.Encode(100, 100, Noise(100, 100, seed, alpha));
            Assert.InRange(PlaceholderPng.DataUri(hash, 4000, 3000).Length, 1, PlaceholderPng.MaxUriLength);
        }
    }

    [Fact]
    public void The_png_is_read_back_pixel_for_pixel()
    {
        var rgba = Noise(7, 5, 3, alpha: true);

        using var png = NetVips.Image.NewFromBuffer(PlaceholderPng.Encode(7, 5, rgba));

        Assert.Equal((7, 5, 4), (png.Width, png.Height, png.Bands));
        Assert.Equal(rgba, png.WriteToMemory<byte>());
    }

    [Fact]
    public void An_opaque_png_has_no_alpha_channel()
    {
        using var png = NetVips.Image.NewFromBuffer(PlaceholderPng.Encode(7, 5, Noise(7, 5, 4, alpha: false)));

        Assert.Equal(3, png.Bands);
    }

    [Fact]
    public void The_dominant_colour_is_what_most_of_the_image_is_not_its_average()
    {
        var rgba = new byte[100 * 4];
        for (var i = 0; i < 100; i++)
        {
            var (r, g, b) = i < 70 ? (128, 128, 128) : (230, 20, 20);
            (rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2], rgba[i * 4 + 3]) = ((byte)r, (byte)g, (byte)b, 255);
        }

        Assert.Equal("#808080", DominantColor.Of(rgba));
    }

    [Fact]
    public void Transparent_pixels_do_not_count_and_nothing_opaque_is_white()
    {
        var rgba = new byte[] { 10, 200, 10, 255, 250, 0, 0, 0, 250, 0, 0, 10 };

        Assert.Equal("#0ac80a", DominantColor.Of(rgba));
        Assert.Equal("#ffffff", DominantColor.Of(new byte[] { 1, 2, 3, 0 }));
    }
}
