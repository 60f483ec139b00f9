using System.Diagnostics;
using System.Text;
using NetVips;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Engines;
using Xunit.Abstractions;
using static ThumbApi.Tests.Thumbnails.Engines.TestImages;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>
/// Bad inputs are permanent failures with a reason a person can read, quickly and without big allocations, managed
/// or native (a safety property: the bounds are generous on purpose, this is not a benchmark). Run alone, since
/// resident memory is the whole process's.
/// </summary>
[Collection(ProcessMeasurementCollection.Name)]
public sealed class UnprocessableInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(1);
    private const long ManagedAllocationBound = 64L * 1024 * 1024;
    private const long ResidentGrowthBound = 64L * 1024 * 1024;

    public static TheoryData<ThumbnailEngineKind, string, string> BadInputs
    {
        get
        {
            var data = new TheoryData<ThumbnailEngineKind, string, string>();
            foreach (var kind in Enum.GetValues<ThumbnailEngineKind>())
            {
                data.Add(kind, "bomb_50000x50000_rgba_tiny.png", "50000×50000 = 2,500,000,000 pixels, more than the limit of 50,000,000");
                data.Add(kind, "bad_truncated_50pct.jpg", "truncated");
                data.Add(kind, "bad_not_an_image.jpg", "not an image");
                data.Add(kind, "empty", "The file is empty");
                data.Add(kind, "svg", "text or markup");
                data.Add(kind, "html", "text or markup");
                data.Add(kind, "tiff", "TIFF image, which is not supported");
                data.Add(kind, "truncated png", "PNG image is corrupt or truncated");
                data.Add(kind, "png header only", "PNG image is corrupt or truncated");
                data.Add(kind, "truncated gif", "GIF image is corrupt or truncated");
                data.Add(kind, "truncated webp", "WEBP image is corrupt or truncated");
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_inputs_fail_permanently_with_a_readable_reason_quickly_and_without_big_allocations(
        ThumbnailEngineKind kind, string input, string reason)
    {
        var engine = Engines.Create(kind);
        var source = Load(input);
        engine.Render(Corpus.Read("syn_2000x1500_q80.webp"), [("warm-up", Engines.Cover(8, 8))]); // JIT and first-call set-up are not the input's cost

        ResidentMemory.ResetPeak();
        var residentBefore = ResidentMemory.CurrentBytes();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.StartNew();
        var failure = Assert.Throws<UnprocessableImageException>(() => engine.Render(source, [("small", Engines.Cover(80, 80))]));
        var elapsed = started.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore - source.Length;
        var residentGrowth = ResidentMemory.PeakBytes() - residentBefore;

        output.WriteLine($"{kind} {input}: {elapsed.TotalMilliseconds:F0} ms, {allocated / 1024.0 / 1024:F1} MB managed, resident peak +{residentGrowth / 1024.0 / 1024:F1} MB");
        Assert.Contains(reason, failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(elapsed < TimeBound, $"took {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(allocated < ManagedAllocationBound, $"allocated {allocated / 1024 / 1024} MB managed");
        // The decoders' native buffers never show in the managed count; the process's peak resident memory does.
        Assert.True(residentGrowth < ResidentGrowthBound, $"resident memory peaked {residentGrowth / 1024 / 1024} MB above where it was");
    }

    private static byte[] Load(string input) => input switch
    {
        "empty" => [],
        "svg" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50000\" height=\"50000\"/>"),
        "html" => Encoding.UTF8.GetBytes("\n  <!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"),
        "tiff" => Quadrants().TiffsaveBuffer(),
        "truncated png" => Corpus.Read("syn_alpha_1600x1200.png")[..1_000_000],
        "png header only" => Corpus.Read("syn_alpha_1600x1200.png")[..33],
        "truncated gif" => Corpus.Read("syn_anim_480x360_8f.gif")[..40_000], // inside the first frame
        "truncated webp" => Corpus.Read("syn_2000x1500_q80.webp")[..180_000],
        _ => Corpus.Read(input),
    };

    [Theory]
    [MemberData(nameof(EngineConformanceTests.Kinds), MemberType = typeof(EngineConformanceTests))]
    public void The_pixel_limit_is_configurable(ThumbnailEngineKind kind)
    {
        using var image = Solid(200, 100, Green);
        var engine = Engines.Create(kind, o => o.MaxSourcePixels = 19_999);

        var failure = Assert.Throws<UnprocessableImageException>(() => engine.RenderOne(image.PngsaveBuffer(), Engines.Cover(80, 80)));

        Assert.Contains("200×100 = 20,000 pixels, more than the limit of 19,999", failure.Message);
    }

    [Theory]
    [MemberData(nameof(EngineConformanceTests.Kinds), MemberType = typeof(EngineConformanceTests))]
    public void Every_frame_of_an_animated_gif_counts_in_the_pixel_budget(ThumbnailEngineKind kind)
    {
        using var animation = Animation(100, 100);
        var gif = animation.GifsaveBuffer();

        Engines.Create(kind, o => o.MaxSourcePixels = 30_000).RenderOne(gif, Engines.Cover(80, 80));
        var failure = Assert.Throws<UnprocessableImageException>(() =>
            Engines.Create(kind, o => o.MaxSourcePixels = 29_999).RenderOne(gif, Engines.Cover(80, 80)));

        Assert.Contains("100×100 × 3 frames = 30,000 pixels", failure.Message);
    }

    [Fact]
    public void NetVips_counts_every_frame_of_an_animated_webp_in_the_pixel_budget()
    {
        using var animation = Animation(100, 100);

        var failure = Assert.Throws<UnprocessableImageException>(() =>
            Engines.Create(ThumbnailEngineKind.NetVips, o => o.MaxSourcePixels = 29_999).RenderOne(animation.WebpsaveBuffer(), Engines.Cover(80, 80)));

        Assert.Contains("100×100 × 3 frames = 30,000 pixels", failure.Message);
    }
}
