using ThumbApi.Images;
using ThumbApi.Thumbnails;
using ThumbApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>Every preset derived from one decode looks like the same preset decoded on its own, as before.</summary>
public sealed class OneDecodeTests(ITestOutputHelper output)
{
    // A few levels of 255: two resampling steps instead of one, and lossy WebP re-encoding, move pixels a little;
    // a wrong crop, scale or orientation moves them by tens of levels.
    private const double MaxMeanDifference = 3;

    public static TheoryData<ThumbnailEngineKind, string> Cases
    {
        get
        {
            var data = new TheoryData<ThumbnailEngineKind, string>();
            foreach (var kind in Enum.GetValues<ThumbnailEngineKind>())
                foreach (var file in new[] { "photo_cups_2560x1600_gps.jpg", "syn_12mp_4000x3000_q90.jpg", "syn_exif6_stored4000x3000.jpg", "syn_2000x1500_q80.webp", "syn_alpha_1600x1200.png" })
                    data.Add(kind, file);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_preset_from_one_decode_matches_a_decode_per_preset(ThumbnailEngineKind kind, string file)
    {
        var source = Corpus.Read(file);
        (string, ThumbnailPreset)[] presets =
        [
            ("small", Engines.Cover(80, 80)),
            ("medium", Engines.Contain(480, 480, ThumbnailFormat.Webp)),
            ("banner", Engines.Cover(400, 100)),
        ];

        var thumbnails = Engines.Create(kind).Render(source, presets).Thumbnails;

        foreach (var thumbnail in thumbnails)
        {
            var reference = DecodePerPresetReference.Render(kind, source, thumbnail.Settings);
            var difference = Pixels.MeanAbsoluteDifference(thumbnail.Content, reference);
            // The figures the README quotes ("measured …"): printed by docs/test-evidence.md's command.
            output.WriteLine($"one decode vs decode per preset: {kind} {file} {thumbnail.Preset}: max mean difference {difference.Max():F2} levels");
            Assert.True(difference.All(d => d <= MaxMeanDifference),
                $"{thumbnail.Preset}: mean difference per band {string.Join(", ", difference.Select(d => d.ToString("F2")))} levels, more than {MaxMeanDifference}.");
        }
    }
}
