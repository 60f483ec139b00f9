using System.Collections.Concurrent;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Reliability;

public sealed class BurstTests
{
    [Fact]
    public async Task Five_hundred_uploads_in_a_burst_all_get_exactly_one_set_of_thumbnails()
    {
        await using var app = new ThumbApiApplication(("RateLimiting:Burst", "1000"));
        var client = app.CreateApiClient();
        var jpeg = TestImages.SmallJpeg();

        var names = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, 500, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (_, _) => names.Add(await client.UploadAsync(jpeg)));
        foreach (var name in names)
            Assert.Equal("ready", (await client.WaitForProcessingAsync(name))["status"]!.GetValue<string>());

        Assert.Equal(500, names.Distinct().Count());
        Assert.Equal(500, Directory.GetFiles(Path.Combine(app.LocalRoot, "images")).Length);
        var thumbnails = Directory.GetFiles(Path.Combine(app.LocalRoot, "thumbnails"));
        // Two thumbnails and the record naming their definitions, per image.
        Assert.Equal(1500, thumbnails.Length);
        Assert.Equal(500, thumbnails.Count(t => t.EndsWith(".renditions.json")));
        Assert.DoesNotContain(thumbnails, t => t.EndsWith(".failed.json"));
    }
}
