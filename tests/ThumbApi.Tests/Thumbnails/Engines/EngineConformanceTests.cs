using NetVips;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Engines;
using static ThumbApi.Tests.Thumbnails.Engines.TestImages;
using ThumbApi.Images;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>The behaviour both engines promise (docs/architecture.md, "Engines"), case by case, through each engine.</summary>
public sealed class EngineConformanceTests
{
    public static TheoryData<ThumbnailEngineKind> Kinds => Engines.Kinds;

    public static TheoryData<ThumbnailEngineKind, int> KindsAndOrientations
    {
        get
        {
            var data = new TheoryData<ThumbnailEngineKind, int>();
            foreach (var kind in Enum.GetValues<ThumbnailEngineKind>())
                for (var orientation = 1; orientation <= 8; orientation++)
                    data.Add(kind, orientation);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndOrientations))]
    public void Every_exif_orientation_comes_out_upright(ThumbnailEngineKind kind, int orientation)
    {
        var thumbnail = Engines.Create(kind).RenderOne(OrientedJpeg(orientation), Engines.Contain(60, 60));

        Assert.Equal((60, 40), (thumbnail.Width, thumbnail.Height));
        Assert.Equal((60, 40), Pixels.Size(thumbnail.Content));
        Pixels.AssertColour(Red, thumbnail.Content, 12, 8);
        Pixels.AssertColour(Green, thumbnail.Content, 47, 8);
        Pixels.AssertColour(Blue, thumbnail.Content, 12, 31);
        Pixels.AssertColour(Yellow, thumbnail.Content, 47, 31);
    }

    /// <summary>
    /// Stored 4000×3000 with orientation 6; upright it is a 3000×4000 portrait with a red square top left, a yellow bar
    /// along the top right, a green disc on the right and a blue bar along the bottom.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_corpus_exif_6_photo_comes_out_as_an_upright_portrait(ThumbnailEngineKind kind)
    {
        var thumbnail = Engines.Create(kind).RenderOne(Corpus.Read("syn_exif6_stored4000x3000.jpg"), Engines.Contain(400, 400));

        Assert.Equal((300, 400), (thumbnail.Width, thumbnail.Height));
        Pixels.AssertColour(Red, thumbnail.Content, 40, 40);
        Pixels.AssertColour(Yellow, thumbnail.Content, 200, 12);
        Pixels.AssertColour(Green, thumbnail.Content, 250, 200);
        Pixels.AssertColour(Blue, thumbnail.Content, 150, 385);
    }

    [Theory]
    [InlineData(ThumbnailEngineKind.NetVips, "photo_cups_2560x1600_gps.jpg", 2560, 1600)]
    [InlineData(ThumbnailEngineKind.ImageSharp, "photo_cups_2560x1600_gps.jpg", 2560, 1600)]
    [InlineData(ThumbnailEngineKind.NetVips, "syn_12mp_4000x3000_q90.jpg", 4000, 3000)]
    [InlineData(ThumbnailEngineKind.ImageSharp, "syn_12mp_4000x3000_q90.jpg", 4000, 3000)]
    [InlineData(ThumbnailEngineKind.NetVips, "syn_2000x1500_q80.webp", 2000, 1500)]
    [InlineData(ThumbnailEngineKind.ImageSharp, "syn_2000x1500_q80.webp", 2000, 1500)]
    [InlineData(ThumbnailEngineKind.NetVips, "syn_alpha_1600x1200.png", 1600, 1200)]
    [InlineData(ThumbnailEngineKind.ImageSharp, "syn_alpha_1600x1200.png", 1600, 1200)]
    [InlineData(ThumbnailEngineKind.NetVips, "syn_anim_480x360_8f.gif", 480, 360)]
    [InlineData(ThumbnailEngineKind.ImageSharp, "syn_anim_480x360_8f.gif", 480, 360)]
    public void Corpus_images_render_every_default_preset_at_the_expected_size(ThumbnailEngineKind kind, string file, int width, int height)
    {
        ThumbnailPreset small = Engines.Cover(80, 80), medium = Engines.Contain(480, 480, ThumbnailFormat.Webp);

        var thumbnails = Engines.Create(kind).Render(Corpus.Read(file), [("small", small), ("medium", medium)]).Thumbnails;

        Assert.Equal(["small", "medium"], thumbnails.Select(t => t.Preset));
        foreach (var thumbnail in thumbnails)
        {
            var expected = ThumbnailGeometry.For(width, height, thumbnail.Settings);
            Assert.Equal((expected.Width, expected.Height), (thumbnail.Width, thumbnail.Height));
            Assert.Equal((expected.Width, expected.Height), Pixels.Size(thumbnail.Content));
        }
    }

    [Theory]
    [InlineData(ThumbnailEngineKind.NetVips, ThumbnailFormat.Png)]
    [InlineData(ThumbnailEngineKind.ImageSharp, ThumbnailFormat.Png)]
    [InlineData(ThumbnailEngineKind.NetVips, ThumbnailFormat.Jpeg)]
    [InlineData(ThumbnailEngineKind.ImageSharp, ThumbnailFormat.Jpeg)]
    [InlineData(ThumbnailEngineKind.NetVips, ThumbnailFormat.Webp)]
    [InlineData(ThumbnailEngineKind.ImageSharp, ThumbnailFormat.Webp)]
    public void The_gps_photo_loses_all_its_metadata(ThumbnailEngineKind kind, ThumbnailFormat format)
    {
        var source = Corpus.Read("photo_cups_2560x1600_gps.jpg");
        Assert.Contains("exif-data", Pixels.MetadataFields(source)); // the input really carries it

        var thumbnail = Engines.Create(kind).RenderOne(source, Engines.Contain(480, 480, format));

        Assert.Empty(Pixels.MetadataFields(thumbnail.Content));
    }

    [Theory]
    [InlineData(ThumbnailEngineKind.NetVips, ThumbnailFormat.Png)]
    [InlineData(ThumbnailEngineKind.ImageSharp, ThumbnailFormat.Png)]
    [InlineData(ThumbnailEngineKind.NetVips, ThumbnailFormat.Webp)]
    [InlineData(ThumbnailEngineKind.ImageSharp, ThumbnailFormat.Webp)]
    public void Transparency_is_kept_in_png_and_webp(ThumbnailEngineKind kind, ThumbnailFormat format)
    {
        using var image = HalfTransparent();

        var thumbnail = Engines.Create(kind).RenderOne(image.PngsaveBuffer(), Engines.Contain(100, 100, format));

        Assert.True(Pixels.At(thumbnail.Content, 10, 50).A < 10, "the transparent half stays transparent");
        var opaque = Pixels.At(thumbnail.Content, 90, 50);
        Assert.True(opaque.A > 245, "the opaque half stays opaque");
        Pixels.AssertColour(Red, thumbnail.Content, 90, 50);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Transparency_is_flattened_onto_white_in_jpeg(ThumbnailEngineKind kind)
    {
        using var image = HalfTransparent();

        var thumbnail = Engines.Create(kind).RenderOne(image.PngsaveBuffer(), Engines.Contain(100, 100, ThumbnailFormat.Jpeg));

        Pixels.AssertColour(White, thumbnail.Content, 10, 50, tolerance: 8);
        Pixels.AssertColour(Red, thumbnail.Content, 90, 50);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Transparency_is_flattened_onto_the_configured_background_in_jpeg(ThumbnailEngineKind kind)
    {
        using var image = HalfTransparent();

        var thumbnail = Engines.Create(kind, o => o.Background = "#0000ff")
            .RenderOne(image.PngsaveBuffer(), Engines.Contain(100, 100, ThumbnailFormat.Jpeg));

        Pixels.AssertColour(Blue, thumbnail.Content, 10, 50);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Grey_transparency_is_flattened_onto_a_coloured_background_in_jpeg(ThumbnailEngineKind kind)
    {
        using var greyWithAlpha = Image.Arrayjoin([Solid(50, 100, [0, 0]), Solid(50, 100, [100, 255])], across: 2);

        var thumbnail = Engines.Create(kind, o => o.Background = "#0000ff")
            .RenderOne(greyWithAlpha.PngsaveBuffer(), Engines.Contain(100, 100, ThumbnailFormat.Jpeg));

        Pixels.AssertColour(Blue, thumbnail.Content, 10, 50);
        Pixels.AssertColour([100, 100, 100], thumbnail.Content, 90, 50, tolerance: 8);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_cmyk_jpeg_with_its_profile_comes_out_in_srgb(ThumbnailEngineKind kind)
    {
        using var red = Solid(64, 64, Red);
        using var cmyk = red.IccTransform("cmyk");

        var thumbnail = Engines.Create(kind).RenderOne(cmyk.JpegsaveBuffer(q: 95), Engines.Contain(32, 32));

        // sRGB red lies outside the CMYK gamut: through the profiles it returns as ≈ 232,31,42.
        Pixels.AssertColour(Red, thumbnail.Content, 16, 16);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_cmyk_jpeg_without_a_profile_comes_out_in_srgb(ThumbnailEngineKind kind)
    {
        using var red = Solid(64, 64, Red);
        using var cmyk = red.IccTransform("cmyk");

        var thumbnail = Engines.Create(kind).RenderOne(cmyk.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.None), Engines.Contain(32, 32));

        Pixels.AssertColour(Red, thumbnail.Content, 16, 16);
    }

    /// <summary>CMYK patches (0–255 ink) across a 4×2 grid of 32×32 squares: pure inks, black, and mixtures.</summary>
    private static readonly (int C, int M, int Y, int K)[] InkPatches =
    [
        (0, 0, 0, 0), (255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0),
        (0, 0, 0, 128), (51, 204, 102, 25), (200, 40, 160, 60), (90, 150, 30, 200),
    ];

    /// <summary>
    /// Untagged CMYK as Chromium shows it: its JPEG decoder (blink's JPEGImageDecoder) converts CMYK without a profile
    /// naively, per pixel R = (255 − C)(255 − K) / 255 in integers (likewise G from M, B from Y), which is what a user
    /// compares the thumbnail with. The reference here is that formula on the inks the test wrote, not either engine's
    /// output. Measured on the patches' means: NetVips 0 levels off, ImageSharp at most 1 (it rounds where Chromium
    /// truncates); before NetVips converted this way, its fallback press profile put the cyan patch at (0,155,228).
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_cmyk_jpeg_without_a_profile_comes_out_as_browsers_show_it(ThumbnailEngineKind kind)
    {
        using var inks = Image.Arrayjoin(InkPatches.Select(p => Solid(32, 32, [p.C, p.M, p.Y, p.K])).ToArray(), across: 4)
            .Copy(interpretation: Enums.Interpretation.Cmyk);

        var thumbnail = Engines.Create(kind).RenderOne(inks.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.None), Engines.Contain(128, 64));

        using var rendered = Image.NewFromBuffer(thumbnail.Content);
        for (var i = 0; i < InkPatches.Length; i++)
        {
            var (c, m, y, k) = InkPatches[i];
            int[] expected = [(255 - c) * (255 - k) / 255, (255 - m) * (255 - k) / 255, (255 - y) * (255 - k) / 255];
            using var patch = rendered.Crop(i % 4 * 32 + 8, i / 4 * 32 + 8, 16, 16);
            var mean = Enumerable.Range(0, 3).Select(band => patch[band].Avg()).ToArray();
            Assert.True(Enumerable.Range(0, 3).All(band => Math.Abs(mean[band] - expected[band]) <= 2),
                $"Ink ({c},{m},{y},{k}): expected ({string.Join(",", expected)}), got ({string.Join(",", mean.Select(v => v.ToString("F1")))}).");
        }
    }

    [Fact]
    public void NetVips_converts_an_icc_tagged_jpeg_to_srgb()
    {
        var thumbnail = Engines.Create(ThumbnailEngineKind.NetVips).RenderOne(DisplayP3Red(), Engines.Contain(32, 32));

        Pixels.AssertColour(Red, thumbnail.Content, 16, 16, tolerance: 16);
    }

    /// <summary>ImageSharp 2.x has no colour management: it takes the P3 numbers as sRGB (a documented difference).</summary>
    [Fact]
    public void ImageSharp_ignores_the_icc_profile_of_a_tagged_jpeg()
    {
        var thumbnail = Engines.Create(ThumbnailEngineKind.ImageSharp).RenderOne(DisplayP3Red(), Engines.Contain(32, 32));

        var (r, g, b, _) = Pixels.At(thumbnail.Content, 16, 16);
        Assert.True(r < 245 && g > 30 && b > 20, $"expected the uncorrected P3 numbers, got ({r:F0},{g:F0},{b:F0})");
    }

    /// <summary>sRGB red expressed in Display P3 (≈ 234,51,35), with the P3 profile embedded.</summary>
    private static byte[] DisplayP3Red()
    {
        using var red = Solid(64, 64, Red);
        using var p3 = red.IccTransform("p3");
        return p3.JpegsaveBuffer(q: 95);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_16_bit_png_comes_out_with_its_colours(ThumbnailEngineKind kind)
    {
        using var orange = Solid(64, 64, [255, 128, 0]);
        using var deep = orange.Colourspace(Enums.Interpretation.Rgb16);

        var thumbnail = Engines.Create(kind).RenderOne(deep.PngsaveBuffer(bitdepth: 16), Engines.Contain(32, 32));

        Pixels.AssertColour([255, 128, 0], thumbnail.Content, 16, 16, tolerance: 8);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_16_bit_grayscale_png_keeps_its_grey_level(ThumbnailEngineKind kind)
    {
        using var grey = Solid(64, 64, [100]);
        using var deep = grey.Colourspace(Enums.Interpretation.Grey16);

        var thumbnail = Engines.Create(kind).RenderOne(deep.PngsaveBuffer(bitdepth: 16), Engines.Contain(32, 32));

        Pixels.AssertColour([100, 100, 100], thumbnail.Content, 16, 16, tolerance: 8);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_palette_png_comes_out_with_its_colours(ThumbnailEngineKind kind)
    {
        using var quadrants = Quadrants();

        var thumbnail = Engines.Create(kind).RenderOne(quadrants.PngsaveBuffer(palette: true), Engines.Contain(60, 60));

        Pixels.AssertColour(Red, thumbnail.Content, 12, 8);
        Pixels.AssertColour(Yellow, thumbnail.Content, 47, 31);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_grayscale_jpeg_keeps_its_grey_level(ThumbnailEngineKind kind)
    {
        using var grey = Solid(64, 64, [100]);

        var thumbnail = Engines.Create(kind).RenderOne(grey.JpegsaveBuffer(q: 95), Engines.Cover(32, 32, ThumbnailFormat.Webp));

        Pixels.AssertColour([100, 100, 100], thumbnail.Content, 16, 16, tolerance: 8);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_progressive_jpeg_renders(ThumbnailEngineKind kind)
    {
        using var quadrants = Quadrants();

        var thumbnail = Engines.Create(kind).RenderOne(quadrants.JpegsaveBuffer(q: 90, interlace: true), Engines.Cover(80, 80));

        Assert.Equal((80, 80), (thumbnail.Width, thumbnail.Height));
        Pixels.AssertColour(Red, thumbnail.Content, 5, 5);
        Pixels.AssertColour(Yellow, thumbnail.Content, 75, 75);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_animated_gif_becomes_its_first_frame(ThumbnailEngineKind kind)
    {
        using var animation = Animation(120, 90);

        var thumbnail = Engines.Create(kind).RenderOne(animation.GifsaveBuffer(), Engines.Contain(480, 480));

        Assert.Equal((120, 90), (thumbnail.Width, thumbnail.Height));
        Pixels.AssertColour(Red, thumbnail.Content, 60, 45);
    }

    [Fact]
    public void NetVips_renders_the_first_frame_of_an_animated_webp()
    {
        using var animation = Animation(120, 90);

        var thumbnail = Engines.Create(ThumbnailEngineKind.NetVips).RenderOne(animation.WebpsaveBuffer(q: 90), Engines.Contain(480, 480));

        Assert.Equal((120, 90), (thumbnail.Width, thumbnail.Height));
        Pixels.AssertColour(Red, thumbnail.Content, 60, 45);
    }

    /// <summary>ImageSharp 2.x cannot decode animated WebP at all (a documented difference): a permanent failure, not a crash.</summary>
    [Fact]
    public void ImageSharp_refuses_an_animated_webp_as_unprocessable()
    {
        using var animation = Animation(120, 90);

        var failure = Assert.Throws<UnprocessableImageException>(() =>
            Engines.Create(ThumbnailEngineKind.ImageSharp).RenderOne(animation.WebpsaveBuffer(q: 90), Engines.Contain(480, 480)));

        Assert.Contains("Animated webp", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>libvips reads only as far as the first frame; ImageSharp's engine checks the whole file (a documented difference).</summary>
    [Fact]
    public void A_gif_cut_after_its_first_frames_renders_with_NetVips_and_is_refused_by_ImageSharp()
    {
        var gif = Corpus.Read("syn_anim_480x360_8f.gif");
        var cut = gif[..(gif.Length / 2)];

        var thumbnail = Engines.Create(ThumbnailEngineKind.NetVips).RenderOne(cut, Engines.Cover(80, 80));
        var failure = Assert.Throws<UnprocessableImageException>(() =>
            Engines.Create(ThumbnailEngineKind.ImageSharp).RenderOne(cut, Engines.Cover(80, 80)));

        Assert.Equal((80, 80), (thumbnail.Width, thumbnail.Height));
        Assert.Equal("The GIF image is corrupt or truncated: the file ends before the image does.", failure.Message);
    }

    /// <summary>
    /// A JPEG whose markers are intact but whose compressed data is damaged: libvips warns and so refuses it,
    /// ImageSharp 2.x decodes it without complaint (a documented difference).
    /// </summary>
    [Fact]
    public void A_jpeg_with_damaged_data_is_refused_by_NetVips_and_rendered_by_ImageSharp()
    {
        var damaged = Corpus.Read("syn_12mp_4000x3000_q90.jpg");
        damaged.AsSpan(damaged.Length / 3, 200_000).Clear();

        var failure = Assert.Throws<UnprocessableImageException>(() =>
            Engines.Create(ThumbnailEngineKind.NetVips).RenderOne(damaged, Engines.Cover(80, 80)));
        var thumbnail = Engines.Create(ThumbnailEngineKind.ImageSharp).RenderOne(damaged, Engines.Cover(80, 80));

        Assert.StartsWith("The JPEG image is corrupt or truncated: VipsJpeg:", failure.Message);
        Assert.Equal((80, 80), (thumbnail.Width, thumbnail.Height));
    }

    [Theory]
    [InlineData(ThumbnailEngineKind.NetVips, 1, 1)]
    [InlineData(ThumbnailEngineKind.ImageSharp, 1, 1)]
    [InlineData(ThumbnailEngineKind.NetVips, 10000, 1)]
    [InlineData(ThumbnailEngineKind.ImageSharp, 10000, 1)]
    [InlineData(ThumbnailEngineKind.NetVips, 1, 10000)]
    [InlineData(ThumbnailEngineKind.ImageSharp, 1, 10000)]
    [InlineData(ThumbnailEngineKind.NetVips, 40, 30)]
    [InlineData(ThumbnailEngineKind.ImageSharp, 40, 30)]
    public void Tiny_and_extreme_shapes_never_get_a_zero_side_nor_grow(ThumbnailEngineKind kind, int width, int height)
    {
        using var image = Solid(width, height, Green);
        ThumbnailPreset cover = Engines.Cover(80, 80), contain = Engines.Contain(480, 480);

        var thumbnails = Engines.Create(kind).Render(image.PngsaveBuffer(), [("cover", cover), ("contain", contain)]).Thumbnails;

        foreach (var thumbnail in thumbnails)
        {
            var expected = ThumbnailGeometry.For(width, height, thumbnail.Settings);
            Assert.Equal((expected.Width, expected.Height), (thumbnail.Width, thumbnail.Height));
            Assert.Equal((expected.Width, expected.Height), Pixels.Size(thumbnail.Content));
            Assert.InRange(thumbnail.Width, 1, Math.Min(width, thumbnail.Settings.Width));
            Assert.InRange(thumbnail.Height, 1, Math.Min(height, thumbnail.Settings.Height));
        }
    }

    [Theory]
    [InlineData(ThumbnailEngineKind.NetVips, ThumbnailFormat.Png, "image/png")]
    [InlineData(ThumbnailEngineKind.ImageSharp, ThumbnailFormat.Png, "image/png")]
    [InlineData(ThumbnailEngineKind.NetVips, ThumbnailFormat.Jpeg, "image/jpeg")]
    [InlineData(ThumbnailEngineKind.ImageSharp, ThumbnailFormat.Jpeg, "image/jpeg")]
    [InlineData(ThumbnailEngineKind.NetVips, ThumbnailFormat.Webp, "image/webp")]
    [InlineData(ThumbnailEngineKind.ImageSharp, ThumbnailFormat.Webp, "image/webp")]
    public void Each_preset_is_encoded_in_its_format(ThumbnailEngineKind kind, ThumbnailFormat format, string contentType)
    {
        using var quadrants = Quadrants();

        var thumbnail = Engines.Create(kind).RenderOne(quadrants.PngsaveBuffer(), Engines.Cover(80, 80, format));

        var sniffed = ImageFormatSniffer.Detect(thumbnail.Content);
        Assert.Equal(contentType, $"image/{sniffed.ToString()!.ToLowerInvariant()}");
        Assert.Equal(contentType, thumbnail.Settings.ContentType);
    }
}
