using System.Text.Json.Nodes;
using ThumbApi.Delivery;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Thumbnails;

/// <summary>Originals whose events were lost (a crash, or images older than the service) still get processed.</summary>
public sealed class BackfillTests
{
    [Fact]
    public async Task A_backfill_request_processes_only_unfinished_images_one_bounded_page_at_a_time()
    {
        await using var app = new ThumbApiApplication();
        Put(app, "images/a-good.jpg", "photo_cups_2560x1600_gps.jpg");
        Put(app, "images/b-bad.jpg", "bad_not_an_image.jpg");
        Put(app, "images/c-done.jpg", "photo_cups_2560x1600_gps.jpg");
        File.WriteAllText(Path.Combine(app.LocalRoot, "thumbnails", "c-done.jpg.small.png"), "already there");
        File.WriteAllText(Path.Combine(app.LocalRoot, "thumbnails", "c-done.jpg.medium.webp"), "already there");
        File.WriteAllBytes(Path.Combine(app.LocalRoot, "thumbnails", "c-done.jpg.renditions.json"), RenditionRecords.Current(app.Services, "small", "medium"));
        var handler = app.GetRequiredService<DeliveryDispatcher>();

        var first = (await handler.DispatchAsync("""{"backfill":{"prefix":"images/","maxImages":2}}""", CancellationToken.None)).Backfill!;
        var second = (await handler.DispatchAsync(new JsonObject { ["backfill"] = new JsonObject { ["startAfter"] = first.NextStartAfter } }.ToJsonString(), CancellationToken.None)).Backfill!;

        Assert.Equal((2, 1, 1, "images/b-bad.jpg"), (first.Scanned, first.Generated, first.Failed, first.NextStartAfter));
        Assert.Equal((1, 0, 0, null), (second.Scanned, second.Generated, second.Failed, second.NextStartAfter));
        Assert.True(File.Exists(Path.Combine(app.LocalRoot, "thumbnails", "a-good.jpg.small.png")));
        Assert.True(File.Exists(Path.Combine(app.LocalRoot, "thumbnails", "b-bad.jpg.failed.json")));
        Assert.Equal("already there", File.ReadAllText(Path.Combine(app.LocalRoot, "thumbnails", "c-done.jpg.small.png")));
    }

    [Fact]
    public async Task A_backfill_outside_images_is_refused()
    {
        await using var app = new ThumbApiApplication();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            app.GetRequiredService<DeliveryDispatcher>().DispatchAsync("""{"backfill":{"prefix":"thumbnails/"}}""", CancellationToken.None));
    }

    [Fact]
    public async Task The_embedded_store_processes_unfinished_images_when_it_starts()
    {
        await using var app = new ThumbApiApplication(("Storage:BackfillOnStart", "true"));
        Put(app, "images/left-over.jpg", "photo_cups_2560x1600_gps.jpg");
        var client = app.CreateApiClient();

        var status = await client.WaitForProcessingAsync("left-over.jpg");

        Assert.Equal("ready", status["status"]!.GetValue<string>());
    }

    private static void Put(ThumbApiApplication app, string key, string corpusFile)
    {
        var path = Path.Combine(app.LocalRoot, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(Path.Combine(app.LocalRoot, "thumbnails"));
        File.Copy(Corpus.PathOf(corpusFile), path);
    }
}
