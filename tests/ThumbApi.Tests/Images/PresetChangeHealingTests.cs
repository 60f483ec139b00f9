using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Images;

/// <summary>After the presets change, images made before heal on their first lookup: no command, no re-upload.</summary>
public sealed class PresetChangeHealingTests
{
    private static readonly TimeSpan Healing = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_a_preset_grows_its_lookup_answers_202_then_redirects_to_the_rendition_at_the_new_size()
    {
        await using var before = new ThumbApiApplication();
        var name = await UploadReadyAsync(before);
        var medium = Path.Combine(before.LocalRoot, "thumbnails", $"{name}.medium.webp");
        var mediumWritten = File.GetLastWriteTimeUtc(medium);

        await using var after = new ThumbApiApplication(("Storage:LocalRoot", before.LocalRoot),
            ("Thumbnails:Presets:small:Width", "96"), ("Thumbnails:Presets:small:Height", "96"));
        var client = after.CreateApiClient();
        var first = await client.GetAsync($"/thumbnails/{name}?size=small");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);
        var redirect = await Eventually.WaitForAsync("the small rendition to be made again", Healing, async () =>
        {
            var lookup = await client.GetAsync($"/thumbnails/{name}?size=small");
            return lookup.StatusCode == HttpStatusCode.Found ? lookup : null;
        });
        using var small = NetVips.Image.NewFromBuffer(await client.GetByteArrayAsync(redirect.Headers.Location));
        Assert.Equal((96, 96), (small.Width, small.Height));
        // Only what changed is made again.
        Assert.Equal(mediumWritten, File.GetLastWriteTimeUtc(medium));
    }

    [Fact]
    public async Task A_preset_added_later_makes_the_image_pending_until_its_rendition_is_made_and_the_others_stay()
    {
        await using var before = new ThumbApiApplication();
        var name = await UploadReadyAsync(before);
        var small = Path.Combine(before.LocalRoot, "thumbnails", $"{name}.small.png");
        var smallWritten = File.GetLastWriteTimeUtc(small);

        await using var after = new ThumbApiApplication(("Storage:LocalRoot", before.LocalRoot),
            ("Thumbnails:Presets:tiny:Width", "32"), ("Thumbnails:Presets:tiny:Height", "32"));
        var client = after.CreateApiClient();

        Assert.Equal("pending", (await client.GetFromJsonAsync<JsonObject>($"/uploads/{name}"))!["status"]!.GetValue<string>());
        Assert.Equal("ready", (await client.WaitForProcessingAsync(name))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/thumbnails/{name}?size=tiny")).StatusCode);
        Assert.Equal(smallWritten, File.GetLastWriteTimeUtc(small));
    }

    [Fact]
    public async Task Thumbnails_made_before_definitions_were_recorded_are_made_again_once()
    {
        await using var app = new ThumbApiApplication();
        var name = await UploadReadyAsync(app);
        var record = Path.Combine(app.LocalRoot, "thumbnails", $"{name}.renditions.json");
        File.Delete(record);
        var client = app.CreateApiClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.GetAsync($"/thumbnails/{name}")).StatusCode);
        await Eventually.UntilAsync("the record to be written again", Healing, () => File.Exists(record));
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/thumbnails/{name}")).StatusCode);
    }

    [Fact]
    public async Task An_image_that_was_never_processed_is_pending_without_asking_for_a_refresh()
    {
        // Its own event makes it; a refresh per poll would double the work of every new upload.
        await using var app = new ThumbApiApplication();
        Directory.CreateDirectory(Path.Combine(app.LocalRoot, "images"));
        File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), Path.Combine(app.LocalRoot, "images", "new.jpg"));
        var client = app.CreateApiClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.GetAsync("/thumbnails/new.jpg")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(File.Exists(Path.Combine(app.LocalRoot, "thumbnails", "new.jpg.small.png")));
    }

    private static async Task<string> UploadReadyAsync(ThumbApiApplication app)
    {
        var client = app.CreateApiClient();
        var name = await client.UploadAsync(Corpus.Read("photo_cups_2560x1600_gps.jpg"));
        Assert.Equal("ready", (await client.WaitForProcessingAsync(name))["status"]!.GetValue<string>());
        return name;
    }
}
