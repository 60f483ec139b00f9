using ThumbApi.Images;

namespace ThumbApi.Tests.Images;

public class PresetDefinitionTests
{
    private static ThumbnailPreset Small() => new() { Width = 80, Height = 80, Fit = ThumbnailFit.Cover, Format = ThumbnailFormat.Png };

    [Fact]
    public void The_definition_is_16_hex_digits_and_the_same_for_the_same_settings()
    {
        var definition = PresetDefinition.Of(Small());

        Assert.Matches("^[0-9a-f]{16}$", definition);
        Assert.Equal(definition, PresetDefinition.Of(Small()));
    }

    [Fact]
    public void The_definition_of_the_default_small_preset_is_stable_across_releases()
    {
        // Stored with every rendition: changing the hash by accident would re-render every image of every bucket.
        Assert.Equal("400affc1ec539bdf", PresetDefinition.Of(Small()));
    }

    public static TheoryData<string, Action<ThumbnailPreset>> Changes => new()
    {
        { "width", p => p.Width = 96 },
        { "height", p => p.Height = 96 },
        { "fit", p => p.Fit = ThumbnailFit.Contain },
        { "fit attention", p => p.Fit = ThumbnailFit.Attention },
        { "format", p => p.Format = ThumbnailFormat.Webp },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_setting_that_changes_the_pixels_changes_the_definition(string setting, Action<ThumbnailPreset> change)
    {
        var changed = Small();
        change(changed);

        Assert.True(PresetDefinition.Of(Small()) != PresetDefinition.Of(changed), $"changing {setting} kept the definition");
    }

    [Fact]
    public void Quality_counts_for_lossy_formats_only()
    {
        var png = Small();
        png.Quality = 50;
        Assert.Equal(PresetDefinition.Of(Small()), PresetDefinition.Of(png));

        var jpeg = Small();
        jpeg.Format = ThumbnailFormat.Jpeg;
        var worseJpeg = Small();
        worseJpeg.Format = ThumbnailFormat.Jpeg;
        worseJpeg.Quality = 50;
        Assert.NotEqual(PresetDefinition.Of(jpeg), PresetDefinition.Of(worseJpeg));
    }

    [Fact]
    public void Effort_counts_for_webp_only()
    {
        var jpeg = Small();
        jpeg.Format = ThumbnailFormat.Jpeg;
        var slowerJpeg = Small();
        slowerJpeg.Format = ThumbnailFormat.Jpeg;
        slowerJpeg.Effort = 6;
        Assert.Equal(PresetDefinition.Of(jpeg), PresetDefinition.Of(slowerJpeg));

        var webp = Small();
        webp.Format = ThumbnailFormat.Webp;
        var slowerWebp = Small();
        slowerWebp.Format = ThumbnailFormat.Webp;
        slowerWebp.Effort = 6;
        Assert.NotEqual(PresetDefinition.Of(webp), PresetDefinition.Of(slowerWebp));
    }
}
