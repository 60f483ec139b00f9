using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Images;

/// <summary>The <c>ready</c> answer carries what a page needs before any thumbnail loads; the others do not pretend to.</summary>
public sealed class ReadyAnswerTests : IAsyncLifetime
{
    private readonly ThumbApiApplication _app = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _app.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_ready_image_answers_its_displayed_size_a_placeholder_its_hash_and_its_dominant_colour()
    {
        var name = await _client.UploadAsync(Corpus.Read("syn_exif6_stored4000x3000.jpg"));

        var status = await _client.WaitForProcessingAsync(name);

        Assert.Equal("ready", status["status"]!.GetValue<string>());
        Assert.Equal((3000, 4000), (status["width"]!.GetValue<int>(), status["height"]!.GetValue<int>()));
        Assert.StartsWith("data:image/png;base64,", status["placeholder"]!.GetValue<string>());
        Assert.InRange(status["placeholder"]!.GetValue<string>().Length, 1, 2048);
        Assert.NotEmpty(Convert.FromBase64String(status["thumbHash"]!.GetValue<string>()));
        Assert.Matches("^#[0-9a-f]{6}$", status["dominantColor"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_answer_is_served_from_the_record_without_reading_the_original()
    {
        var name = await _client.UploadAsync(Corpus.Read("photo_cups_2560x1600_gps.jpg"));
        await _client.WaitForProcessingAsync(name);
        // An original that no longer decodes changes nothing: only the record beside the thumbnails is read.
        File.WriteAllText(Path.Combine(_app.LocalRoot, "images", name), "not read");

        var status = (await _client.GetFromJsonAsync<JsonObject>($"/uploads/{name}"))!;

        Assert.Equal((2560, 1600), (status["width"]!.GetValue<int>(), status["height"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_pending_or_failed_image_has_none_of_them()
    {
        Directory.CreateDirectory(Path.Combine(_app.LocalRoot, "images"));
        File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), Path.Combine(_app.LocalRoot, "images", "waiting.jpg"));
        var failed = await _client.UploadAsync(Corpus.Read("bad_not_an_image.jpg"));

        var pending = (await _client.GetFromJsonAsync<JsonObject>("/uploads/waiting.jpg"))!;
        var failure = await _client.WaitForProcessingAsync(failed);

        foreach (var status in new[] { pending, failure })
            foreach (var field in new[] { "width", "height", "placeholder", "thumbHash", "dominantColor" })
                Assert.Null(status[field]);
    }
}
