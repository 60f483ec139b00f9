using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Reliability;

/// <summary>Nothing stays pending for ever, and no name another tool can give an original stops the service.</summary>
public sealed class ReconciliationTests
{
    private static void PutOriginal(ThumbApiApplication app, string name, DateTime writtenAt)
    {
        var path = Path.Combine(app.LocalRoot, "images", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, NetVips.Image.Black(64, 48, bands: 3).WriteToBuffer(".png"));
        File.SetLastWriteTimeUtc(path, writtenAt);
    }

    private static async Task<string> WaitForStatusAsync(HttpClient client, string name, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string status;
        do
        {
            var response = await client.GetAsync($"/uploads/{Uri.EscapeDataString(name)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            status = (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
            if (status == expected) return status;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"'{name}' was still '{status}' after 30 s, waiting for '{expected}'.");
        return status;
    }

    [Fact]
    public async Task An_original_whose_event_was_lost_is_thumbnailed_by_the_next_periodic_pass()
    {
        await using var app = new ThumbApiApplication(("Storage:ReconcileInterval", "00:01:00"));
        var client = app.CreateApiClient();
        PutOriginal(app, "lost-event.png", DateTime.UtcNow.AddHours(-1));

        Assert.Equal("pending", (await client.GetFromJsonAsync<JsonObject>("/uploads/lost-event.png"))!["status"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await WaitForStatusAsync(client, "lost-event.png", "ready");
    }

    [Fact]
    public async Task An_original_younger_than_a_minute_is_left_to_its_own_event()
    {
        await using var app = new ThumbApiApplication(("Storage:ReconcileInterval", "00:01:00"));
        var client = app.CreateApiClient();
        PutOriginal(app, "just-uploaded.png", DateTime.UtcNow.AddMinutes(1));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(500);

        Assert.Equal("pending", (await client.GetFromJsonAsync<JsonObject>("/uploads/just-uploaded.png"))!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(240)]
    [InlineData(246)]
    [InlineData(251)]
    public async Task An_original_whose_name_fills_a_file_name_is_recovered_at_start_and_served(int nameBytes)
    {
        var name = new string('n', nameBytes - 4) + ".png";
        await using var app = new ThumbApiApplication(("Storage:BackfillOnStart", "true"));
        PutOriginal(app, name, DateTime.UtcNow.AddHours(-1));
        PutOriginal(app, "after-it.png", DateTime.UtcNow.AddHours(-1));
        var client = app.CreateApiClient();

        await WaitForStatusAsync(client, name, "ready");
        await WaitForStatusAsync(client, "after-it.png", "ready");
        var thumbnail = await client.GetAsync($"/thumbnails/{name}?size=medium");
        Assert.Equal(HttpStatusCode.Redirect, thumbnail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(thumbnail.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task Looking_up_an_unknown_name_longer_than_a_file_name_is_404()
    {
        await using var app = new ThumbApiApplication();

        var response = await app.CreateApiClient().GetAsync($"/thumbnails/{new string('x', 300)}.jpg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
