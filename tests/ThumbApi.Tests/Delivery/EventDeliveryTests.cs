using System.Text.Json.Nodes;
using ThumbApi.Delivery;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Images;
using ThumbApi.Storage;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Delivery;

/// <summary>Golden S3-in-SNS deliveries, as AWS sends them, through the one handler both hosts use.</summary>
public sealed class EventDeliveryTests : IAsyncLifetime
{
    private readonly ThumbApiApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("sns-space-as-plus.json", "My Holiday Photo.jpg")]
    [InlineData("sns-encoded-plus.json", "a+b.jpg")]
    [InlineData("sns-unicode.json", "été 写真.jpg")]
    [InlineData("sns-nested-name.json", "albums/2026/summer/beach.jpg")]
    [InlineData("s3-direct.json", "Bare S3 event.jpg")]
    public async Task A_created_image_gets_every_thumbnail_under_its_decoded_name(string eventFile, string name)
    {
        PutImage(name);

        var result = await HandleAsync(eventFile);

        Assert.Equal(1, result.Generated);
        Assert.True(File.Exists(StorePath($"thumbnails/{name}.small.png")));
        Assert.True(File.Exists(StorePath($"thumbnails/{name}.medium.webp")));
    }

    [Theory]
    [InlineData("sns-test-event.json")]
    [InlineData("sns-outside-images.json")]
    [InlineData("sns-thumbnail-key.json")]
    [InlineData("sns-dot-dot.json")]
    public async Task Events_that_are_not_new_images_are_ignored_and_write_nothing(string eventFile)
    {
        PutImage("beach.jpg");

        var result = await HandleAsync(eventFile);

        Assert.Equal(1, result.Ignored);
        Assert.False(Directory.Exists(StorePath("thumbnails")));
    }

    [Theory]
    [InlineData("sns-delete.json")]
    [InlineData("sns-delete-marker.json")]
    public async Task A_removed_original_loses_every_thumbnail_and_record_and_no_other_image_loses_anything(string eventFile)
    {
        PutImage("beach.jpg");
        PutImage("beach.jpg.b.jpg");
        await HandleAsync(await CreatedAsync("beach.jpg"));
        await HandleAsync(await CreatedAsync("beach.jpg.b.jpg"));
        // What a preset removed from the configuration since left behind (its record names it), and a failure record
        // of an earlier upload.
        File.WriteAllText(StorePath("thumbnails/beach.jpg.tiny.png"), "old preset");
        var record = JsonNode.Parse(File.ReadAllText(StorePath("thumbnails/beach.jpg.renditions.json")))!;
        record["renditions"]!["tiny"] = "0123456789abcdef";
        File.WriteAllText(StorePath("thumbnails/beach.jpg.renditions.json"), record.ToJsonString());
        File.WriteAllText(StorePath("thumbnails/beach.jpg.failed.json"), "{}");
        var other = ThumbnailKeys().Where(k => k.StartsWith("thumbnails/beach.jpg.b.jpg.", StringComparison.Ordinal)).ToList();
        File.Delete(StorePath("images/beach.jpg"));

        var result = await HandleAsync(eventFile);

        Assert.Equal(1, result.Removed);
        Assert.Equal(other, ThumbnailKeys());
        Assert.Equal(3, other.Count);
    }

    [Fact]
    public async Task A_removal_delivered_twice_succeeds_both_times()
    {
        PutImage("beach.jpg");
        await HandleAsync(await CreatedAsync("beach.jpg"));
        File.Delete(StorePath("images/beach.jpg"));

        Assert.Equal(1, (await HandleAsync("sns-delete.json")).Removed);
        Assert.Equal(1, (await HandleAsync("sns-delete.json")).Removed);
        Assert.Empty(Directory.EnumerateFiles(StorePath("thumbnails")));
    }

    [Fact]
    public async Task A_removal_that_arrives_after_a_new_upload_under_the_name_keeps_what_that_upload_made()
    {
        // Events are not ordered: the original is there again, so its own creation event decides.
        PutImage("beach.jpg");
        await HandleAsync(await CreatedAsync("beach.jpg"));
        var made = Snapshot();

        var result = await HandleAsync("sns-delete.json");

        Assert.Equal(1, result.Skipped);
        Assert.Equal(made, Snapshot());
    }

    [Fact]
    public async Task A_new_upload_that_fails_leaves_no_thumbnail_of_the_earlier_one()
    {
        PutImage("beach.jpg");
        await HandleAsync(await CreatedAsync("beach.jpg"));
        File.Copy(Corpus.PathOf("bad_not_an_image.jpg"), StorePath("images/beach.jpg"), overwrite: true);

        Assert.Equal(1, (await HandleAsync(await CreatedAsync("beach.jpg"))).Failed);

        Assert.Equal(["thumbnails/beach.jpg.failed.json"], ThumbnailKeys());
    }

    [Fact]
    public async Task A_new_upload_that_succeeds_clears_the_failure_of_the_earlier_one()
    {
        PutImage("beach.jpg", "bad_not_an_image.jpg");
        await HandleAsync(await CreatedAsync("beach.jpg"));
        File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), StorePath("images/beach.jpg"), overwrite: true);

        Assert.Equal(1, (await HandleAsync(await CreatedAsync("beach.jpg"))).Generated);

        Assert.False(File.Exists(StorePath("thumbnails/beach.jpg.failed.json")));
        Assert.Equal("ready", (await _app.GetRequiredService<ImageStatusReader>().GetImageStatusAsync(ImageName.Parse("beach.jpg"), CancellationToken.None)).State.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task An_image_deleted_before_its_event_arrives_is_skipped()
    {
        var result = await HandleAsync("sns-nested-name.json");

        Assert.Equal(1, result.Skipped);
        Assert.False(Directory.Exists(StorePath("thumbnails")));
    }

    [Fact]
    public async Task The_same_event_twice_leaves_the_same_objects()
    {
        PutImage("My Holiday Photo.jpg");

        await HandleAsync("sns-space-as-plus.json");
        var first = Snapshot();
        await HandleAsync("sns-space-as-plus.json");

        Assert.Equal(first, Snapshot());
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_image_leave_one_set_of_outputs()
    {
        PutImage("My Holiday Photo.jpg");
        await HandleAsync("sns-space-as-plus.json");
        var expected = Snapshot();
        Directory.Delete(StorePath("thumbnails"), recursive: true);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => HandleAsync("sns-space-as-plus.json"))));

        Assert.All(results, r => Assert.Equal(1, r.Generated));
        Assert.Equal(expected, Snapshot());
        Assert.Empty(Directory.EnumerateFiles(StorePath(".staging")));
    }

    [Fact]
    public async Task An_image_that_cannot_be_read_gets_a_failure_record_and_the_delivery_succeeds()
    {
        PutImage("My Holiday Photo.jpg", "bad_truncated_50pct.jpg");

        var result = await HandleAsync("sns-space-as-plus.json");

        Assert.Equal(1, result.Failed);
        var record = await File.ReadAllTextAsync(StorePath("thumbnails/My Holiday Photo.jpg.failed.json"));
        Assert.Contains("corrupt or truncated", record);
    }

    [Fact]
    public async Task A_malformed_message_fails_the_delivery()
    {
        await Assert.ThrowsAsync<MalformedEventException>(() => HandleAsync("sns-malformed-message.json"));
    }

    private async Task<ThumbnailEventResult> HandleAsync(string eventFile)
    {
        var json = eventFile.StartsWith('{') ? eventFile : File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Delivery", "Events", eventFile));
        return await _app.GetRequiredService<DeliveryDispatcher>().DispatchAsync(await AsSentForStoredObjectAsync(json), CancellationToken.None);
    }

    /// <summary>The delivery S3 → SNS would make of the image the test stored.</summary>
    private async Task<string> CreatedAsync(string name)
    {
        var stored = await _app.GetRequiredService<IObjectStore>().GetInfoAsync("images/" + name, CancellationToken.None);
        return new SnsEnvelopeFactory(TimeProvider.System).ObjectCreated(stored!);
    }

    private List<string> ThumbnailKeys() =>
        [.. Directory.EnumerateFiles(StorePath("thumbnails"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_app.LocalRoot, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal)];

    /// <summary>
    /// S3 puts the object's ETag in its event; the golden files carry S3's MD5 ETags, the embedded store has its own.
    /// So the event is given the ETag of the object the test stored, as S3 would have sent it for that object.
    /// </summary>
    private async Task<string> AsSentForStoredObjectAsync(string json)
    {
        if (!json.TrimStart().StartsWith('{')) return json;
        var root = JsonNode.Parse(json)!;
        foreach (var record in root["Records"]?.AsArray() ?? [])
        {
            if (record!["Sns"] is { } sns)
            {
                sns["Message"] = await AsSentForStoredObjectAsync(sns["Message"]!.GetValue<string>());
            }
            else if (record["s3"]?["object"] is JsonObject s3Object && s3Object.ContainsKey("eTag"))
            {
                var key = NotificationParser.DecodeKey(s3Object["key"]!.GetValue<string>());
                if (!ImageName.TryFromKey(key, out _)) continue;
                var stored = await _app.GetRequiredService<IObjectStore>().GetInfoAsync(key, CancellationToken.None);
                if (stored?.ETag is { } etag) s3Object["eTag"] = etag.Trim('"');
            }
        }
        return root.ToJsonString();
    }

    private void PutImage(string name, string corpusFile = "photo_cups_2560x1600_gps.jpg")
    {
        var path = StorePath("images/" + name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Corpus.PathOf(corpusFile), path);
    }

    private string StorePath(string key) => Path.Combine(_app.LocalRoot, key);

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(StorePath("thumbnails"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
