using Microsoft.Extensions.Options;
using ThumbApi.Images;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary><c>Fit: Attention</c> keeps the subject of an image where a centre crop would cut it off.</summary>
public class AttentionCropTests
{
    /// <summary>A flat grey 400×100 strip with a red, checkered subject near its right edge, far from the centre.</summary>
    private static byte[] OffCentreSubject()
    {
        using var grey = NetVips.Image.Black(400, 100, bands: 3) + 128;
        using var red = NetVips.Image.Black(40, 40, bands: 3) + new[] { 230.0, 20, 20 };
        using var squares = NetVips.Image.Xyz(40, 40);
        using var pattern = ((squares[0] / 8) + (squares[1] / 8)) % 2 * 25;
        using var subject = red - pattern;
        using var composed = grey.Insert(subject, 340, 30);
        using var bytes = composed.Cast(NetVips.Enums.BandFormat.Uchar);
        return bytes.PngsaveBuffer();
    }

    private static int RedPixels(byte[] png)
    {
        using var image = NetVips.Image.NewFromBuffer(png);
        var pixels = image.WriteToMemory<byte>();
        var count = 0;
        for (var i = 0; i < pixels.Length; i += image.Bands)
            if (pixels[i] > 180 && pixels[i + 1] < 80) count++;
        return count;
    }

    [Fact]
    public void Attention_keeps_the_off_centre_subject_that_a_centre_crop_loses()
    {
        var engine = Engines.Create(ThumbnailEngineKind.NetVips);
        var source = OffCentreSubject();

        var cover = engine.RenderOne(source, Engines.Cover(100, 100));
        var attention = engine.RenderOne(source, new ThumbnailPreset { Width = 100, Height = 100, Fit = ThumbnailFit.Attention });

        Assert.Equal((100, 100), Pixels.Size(attention.Content));
        Assert.Equal(0, RedPixels(cover.Content));
        // The subject is 40×40, at full scale (the strip is 100 high already): most of it is in the crop.
        Assert.InRange(RedPixels(attention.Content), 1200, 1600);
    }

    [Fact]
    public void Asked_anyway_the_ImageSharp_engine_fails_the_job_as_a_configuration_error_not_as_the_images_fault()
    {
        var engine = Engines.Create(ThumbnailEngineKind.ImageSharp);

        Assert.Throws<InvalidOperationException>(() =>
            engine.RenderOne(OffCentreSubject(), new ThumbnailPreset { Width = 100, Height = 100, Fit = ThumbnailFit.Attention }));
    }

    [Fact]
    public void The_ImageSharp_engine_refuses_an_attention_preset_at_start_up_naming_it()
    {
        var presets = new PresetOptions();
        presets.Presets["small"] = new ThumbnailPreset { Width = 80, Height = 80 };
        presets.Presets["hero"] = new ThumbnailPreset { Width = 400, Height = 200, Fit = ThumbnailFit.Attention };
        var check = new AttentionNeedsNetVips(Options.Create(presets));

        var imageSharp = check.Validate(null, new ThumbnailOptions { Engine = ThumbnailEngineKind.ImageSharp });
        var netVips = check.Validate(null, new ThumbnailOptions { Engine = ThumbnailEngineKind.NetVips });

        Assert.True(imageSharp.Failed);
        Assert.Contains("Thumbnails:Presets:hero: Fit 'Attention' needs the NetVips engine", imageSharp.FailureMessage);
        Assert.True(netVips.Succeeded);
    }
}
