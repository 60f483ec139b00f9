using System.Collections.Concurrent;
using System.Text;
using ThumbApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ThumbApi.Tests.Reliability;

public sealed class BadInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("thumbapi-bad-").FullName;

    private static readonly (string Name, byte[] Content, string Reason)[] Bad =
    [
        ("truncated.jpg", Corpus.Read("bad_truncated_50pct.jpg"), "corrupt or truncated"),
        ("not-an-image.jpg", Corpus.Read("bad_not_an_image.jpg"), "not an image"),
        ("bomb.png", Corpus.Read("bomb_50000x50000_rgba_tiny.png"), "more than the limit"),
        ("page.jpg", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>hello</body></html>"), "markup"),
        ("drawing.png", Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" width="9e9" height="9e9"/>"""), "markup"),
        ("one-byte.jpg", [0xFF], "not an image"),
    ];

    private static readonly string[] Good = ["photo_cups_2560x1600_gps.jpg", "syn_12mp_4000x3000_q90.jpg", "syn_2000x1500_q80.webp"];

    [Fact]
    public async Task Bad_inputs_uploaded_with_good_ones_fail_cleanly_while_the_good_succeed_in_bounded_memory()
    {
        using var app = await AppProcess.StartAsync(AppProcess.FreePort(), new Dictionary<string, string>
        {
            ["Storage__LocalRoot"] = _root,
            ["RateLimiting__Burst"] = "1000",
        });
        using var client = new HttpClient { BaseAddress = app.Address };
        var uploads = Enumerable.Range(0, 3).SelectMany(_ =>
            Bad.Select(b => (b.Content, Expected: (string?)b.Reason)).Concat(Good.Select(g => (Content: Corpus.Read(g), Expected: (string?)null)))).ToList();

        var outcomes = new ConcurrentBag<(string? Expected, string Status, string? Reason)>();
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (upload, _) =>
        {
            var name = await client.UploadAsync(upload.Content);
            var status = await client.WaitForProcessingAsync(name);
            outcomes.Add((upload.Expected, status["status"]!.GetValue<string>(), status["reason"]?.GetValue<string>()));
        });

        Assert.All(outcomes.Where(o => o.Expected is null), o => Assert.Equal("ready", o.Status));
        Assert.All(outcomes.Where(o => o.Expected is not null), o =>
        {
            Assert.Equal("failed", o.Status);
            Assert.Contains(o.Expected!, o.Reason);
        });
        var peak = app.PeakRssMegabytes();
        output.WriteLine($"Peak RSS after {uploads.Count} concurrent uploads (good and bad): {peak:F0} MiB");
        // Without the header check, the bomb alone makes a decoder allocate gigabytes.
        Assert.InRange(peak, 1, 768);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
