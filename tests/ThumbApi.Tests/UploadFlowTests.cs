using System.Net;
using NetVips;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests;

/// <summary>The whole product in process: ask for an upload, send the form, wait, follow the thumbnail link.</summary>
public sealed class UploadFlowTests
{
    [Theory]
    [InlineData("photo_cups_2560x1600_gps.jpg", "image/jpeg")]
    [InlineData("syn_2000x1500_q80.webp", "image/webp")]
    [InlineData("syn_alpha_1600x1200.png", "image/png")]
    [InlineData("syn_anim_480x360_8f.gif", "image/gif")]
    public async Task An_uploaded_photo_gets_an_80x80_png_thumbnail(string file, string contentType)
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var name = await client.UploadAsync(Corpus.Read(file), contentType);
        var status = await client.WaitForProcessingAsync(name);
        Assert.True(status["status"]!.GetValue<string>() == "ready", status.ToJsonString());

        var lookup = await client.GetAsync($"/thumbnails/{name}");
        Assert.Equal(HttpStatusCode.Found, lookup.StatusCode);
        var thumbnail = await client.GetAsync(lookup.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/png", thumbnail.Content.Headers.ContentType?.MediaType);

        using var image = Image.NewFromBuffer(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((80, 80), (image.Width, image.Height));
    }

    [Fact]
    public async Task Every_configured_preset_is_linked_from_the_status_and_served()
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var name = await client.UploadAsync(Corpus.Read("photo_cups_2560x1600_gps.jpg"));
        var status = await client.WaitForProcessingAsync(name);

        var links = status["thumbnails"]!.AsObject();
        Assert.Equal(["medium", "small"], links.Select(l => l.Key).Order());
        var expected = new Dictionary<string, (string ContentType, int Width, int Height)>
        {
            ["small"] = ("image/png", 80, 80),
            ["medium"] = ("image/webp", 480, 300),
        };
        foreach (var (preset, (contentType, width, height)) in expected)
        {
            var lookup = await client.GetAsync(links[preset]!.GetValue<string>());
            Assert.True(lookup.StatusCode == HttpStatusCode.Found, $"{preset}: the link answered {lookup.StatusCode}");
            var served = await client.GetAsync(lookup.Headers.Location);
            Assert.True(served.StatusCode == HttpStatusCode.OK, $"{preset}: the signed URL answered {served.StatusCode}");
            Assert.Equal(contentType, served.Content.Headers.ContentType?.MediaType);
            using var image = Image.NewFromBuffer(await served.Content.ReadAsByteArrayAsync());
            Assert.Equal((preset, width, height), (preset, image.Width, image.Height));
        }
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_reported_failed_with_a_reason()
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var name = await client.UploadAsync(Corpus.Read("bad_not_an_image.jpg"));
        var status = await client.WaitForProcessingAsync(name);

        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Contains("not an image", status["reason"]!.GetValue<string>());
        var lookup = await client.GetAsync($"/thumbnails/{name}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lookup.StatusCode);
        Assert.Contains("not an image", (await lookup.ReadProblemAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header()
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var name = await client.UploadAsync(Corpus.Read("bomb_50000x50000_rgba_tiny.png"), "image/png");
        var status = await client.WaitForProcessingAsync(name);

        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Contains("50000×50000", status["reason"]!.GetValue<string>());
    }
}
