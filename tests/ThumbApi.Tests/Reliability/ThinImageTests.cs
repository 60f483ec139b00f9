using System.Diagnostics;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Thumbnails.Engines;
using Xunit.Abstractions;

namespace ThumbApi.Tests.Reliability;

/// <summary>
/// Images under the pixel limit that used to take the service's memory or time: a cover preset never enlarges, so a
/// source thinner than its box was decoded whole (50,000,000×1 RGB: 1.96 GB peak RSS; 1×50,000,000: 21 s). Run
/// through the real executable one after another, so its peak RSS is theirs; this is the benchmark of issue 20's
/// "done when", in the default suite, with no way to pass without rendering or refusing each image.
/// </summary>
public sealed class ThinImageTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(5);
    private const double PeakRssBoundMegabytes = 600;

    private readonly string _root = Directory.CreateTempSubdirectory("thumbapi-thin-").FullName;

    private static readonly Lazy<(string Name, byte[] Png)[]> Images = new(() =>
    [
        ("50000000×1 RGB", ZeroPng.Create(50_000_000, 1, ZeroPng.Rgb, 8)),
        ("625000×80 16-bit RGBA", ZeroPng.Create(625_000, 80, ZeroPng.Rgba, 16)),
        ("1×50000000 16-bit RGBA", ZeroPng.Create(1, 50_000_000, ZeroPng.Rgba, 16)),
        ("65535×79 16-bit RGBA", ZeroPng.Create(65_535, 79, ZeroPng.Rgba, 16)),
        ("1×65535 grey", ZeroPng.Create(1, 65_535, ZeroPng.Grey, 8)),
        ("40000×1000 16-bit RGBA", ZeroPng.Create(40_000, 1_000, ZeroPng.Rgba, 16)),
    ]);

    public static TheoryData<string, string[]> Expectations => new()
    {
        // libvips streams 512 rows of 40,000 float RGBA pixels: 312 MiB, over the 256 MiB budget; ImageSharp holds 40 MP as RGBA, 153 MiB.
        { "NetVips", ["MaxSourceSide", "MaxSourceSide", "MaxSourceSide", "ready", "ready", "MaxDecodeBytes"] },
        { "ImageSharp", ["MaxSourceSide", "MaxSourceSide", "MaxSourceSide", "ready", "ready", "ready"] },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task Thin_pngs_settle_within_seconds_with_the_service_in_bounded_memory(string engine, string[] expected)
    {
        var images = Images.Value;
        using var app = await AppProcess.StartAsync(AppProcess.FreePort(), new Dictionary<string, string>
        {
            ["Storage__LocalRoot"] = _root,
            ["Thumbnails__Engine"] = engine,
            ["RateLimiting__Burst"] = "1000",
        });
        using var client = new HttpClient { BaseAddress = app.Address };

        for (var i = 0; i < images.Length; i++)
        {
            var started = Stopwatch.StartNew();
            var name = await client.UploadAsync(images[i].Png, "image/png");
            var status = await client.WaitForProcessingAsync(name);
            var elapsed = started.Elapsed;
            var (state, reason) = (status["status"]!.GetValue<string>(), status["reason"]?.GetValue<string>());
            output.WriteLine($"{engine} {images[i].Name} ({images[i].Png.Length / 1024} KB): {state} in {elapsed.TotalMilliseconds:F0} ms, "
                + $"peak RSS so far {app.PeakRssMegabytes():F0} MiB. {reason}");

            if (expected[i] == "ready")
                Assert.True(state == "ready", $"{images[i].Name}: expected ready, got {state}: {reason}");
            else
                Assert.True(state == "failed" && reason!.Contains(expected[i]), $"{images[i].Name}: expected a failure naming {expected[i]}, got {state}: {reason}");
            Assert.True(elapsed < SettleBound, $"{images[i].Name} took {elapsed.TotalSeconds:F1} s to settle, more than {SettleBound.TotalSeconds} s.");
        }

        var peak = app.PeakRssMegabytes();
        output.WriteLine($"{engine}: peak RSS {peak:F0} MiB");
        Assert.True(peak < PeakRssBoundMegabytes, $"{engine}: peak RSS {peak:F0} MiB, more than {PeakRssBoundMegabytes} MiB.");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
