using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Placeholders;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>What a page needs before the thumbnails load, from either engine, from the one decode.</summary>
public class ImageDetailsConformanceTests
{
    public static TheoryData<ThumbnailEngineKind, string, int, int> CorpusSizes()
    {
        var data = new TheoryData<ThumbnailEngineKind, string, int, int>();
        foreach (var kind in new[] { ThumbnailEngineKind.NetVips, ThumbnailEngineKind.ImageSharp })
        {
            data.Add(kind, "photo_cups_2560x1600_gps.jpg", 2560, 1600);
            // Stored 4000×3000 with EXIF orientation 6: shown, and so reserved, as 3000×4000.
            data.Add(kind, "syn_exif6_stored4000x3000.jpg", 3000, 4000);
            data.Add(kind, "syn_alpha_1600x1200.png", 1600, 1200);
            data.Add(kind, "syn_anim_480x360_8f.gif", 480, 360);
            data.Add(kind, "syn_12mp_4000x3000_q90.jpg", 4000, 3000);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusSizes))]
    public void The_size_is_as_displayed_and_the_placeholder_fits_in_2_KB_at_that_ratio(ThumbnailEngineKind kind, string file, int width, int height)
    {
        var details = Engines.Create(kind).Render(Corpus.Read(file), [("small", Engines.Cover(80, 80))]).Details;

        Assert.Equal((width, height), (details.Width, details.Height));
        Assert.StartsWith("data:image/png;base64,", details.Placeholder);
        Assert.InRange(details.Placeholder.Length, 1, PlaceholderPng.MaxUriLength);
        using var placeholder = NetVips.Image.NewFromBuffer(Convert.FromBase64String(details.Placeholder["data:image/png;base64,".Length..]));
        Assert.InRange(placeholder.Width / (double)placeholder.Height, width / (double)height * 0.9, width / (double)height * 1.1);
        Assert.Matches("^#[0-9a-f]{6}$", details.DominantColor);
        Assert.InRange(Convert.FromBase64String(details.ThumbHash).Length, 5, 30);
    }

    [Theory]
    [InlineData("photo_cups_2560x1600_gps.jpg")]
    [InlineData("syn_exif6_stored4000x3000.jpg")]
    [InlineData("syn_2000x1500_q80.webp")]
    public void Both_engines_agree_on_the_colours(string file)
    {
        var source = Corpus.Read(file);
        var netVips = Engines.Create(ThumbnailEngineKind.NetVips).Render(source, [("small", Engines.Cover(80, 80))]).Details;
        var imageSharp = Engines.Create(ThumbnailEngineKind.ImageSharp).Render(source, [("small", Engines.Cover(80, 80))]).Details;

        var a = ThumbHash.AverageColor(Convert.FromBase64String(netVips.ThumbHash));
        var b = ThumbHash.AverageColor(Convert.FromBase64String(imageSharp.ThumbHash));
        Assert.InRange(Math.Abs(a.R - b.R) + Math.Abs(a.G - b.G) + Math.Abs(a.B - b.B), 0, 0.06);
        Assert.InRange(ColourDistance(netVips.DominantColor, imageSharp.DominantColor), 0, 48);
    }

    [Fact]
    public void The_hash_records_the_images_average_colour()
    {
        // The corpus photo's mean colour, measured with libvips over the whole upright image.
        var source = Corpus.Read("photo_cups_2560x1600_gps.jpg");
        using var image = NetVips.Image.NewFromBuffer(source).Autorot();
        var mean = Enumerable.Range(0, 3).Select(band => image[band].Avg() / 255).ToArray();

        var details = Engines.Create(ThumbnailEngineKind.NetVips).Render(source, [("small", Engines.Cover(80, 80))]).Details;

        var (r, g, b, _) = ThumbHash.AverageColor(Convert.FromBase64String(details.ThumbHash));
        Assert.InRange(Math.Abs(r - mean[0]) + Math.Abs(g - mean[1]) + Math.Abs(b - mean[2]), 0, 0.08);
    }

    private static int ColourDistance(string a, string b) =>
        Enumerable.Range(0, 3).Max(i => Math.Abs(Convert.ToInt32(a.Substring(1 + 2 * i, 2), 16) - Convert.ToInt32(b.Substring(1 + 2 * i, 2), 16)));
}
