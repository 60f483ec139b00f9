using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Images;

public sealed class ThumbnailLookupTests : IAsyncLifetime
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
    public async Task An_unknown_name_is_404_problem()
    {
        var response = await _client.GetAsync("/thumbnails/nothing-here.jpg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Image not found", (await response.ReadProblemAsync())["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/uploads/nothing-here.jpg")).StatusCode);
    }

    [Fact]
    public async Task An_image_without_thumbnails_yet_is_202_with_retry_after()
    {
        Put("images/waiting.jpg", "not processed yet");

        var response = await _client.GetAsync("/thumbnails/waiting.jpg");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("/uploads/waiting.jpg", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_image_that_failed_is_422_with_the_reason()
    {
        Put("images/broken.jpg", "x");
        Put("thumbnails/broken.jpg.failed.json", """{"name":"broken.jpg","reason":"The file is empty.","failedAt":"2026-11-25T15:00:00Z"}""");

        var response = await _client.GetAsync("/thumbnails/broken.jpg");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("The file is empty.", (await response.ReadProblemAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_size_is_400_naming_the_presets()
    {
        var response = await _client.GetAsync("/thumbnails/any.jpg?size=huge");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("medium, small", (await response.ReadProblemAsync())["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/thumbnails/albums/2026/été%20photo.jpg", "albums/2026/été photo.jpg")]
    [InlineData("/thumbnails/albums%2F2026%2Fbeach.jpg", "albums/2026/beach.jpg")]
    [InlineData("/thumbnails/a+b.jpg", "a+b.jpg")]
    public async Task A_ready_thumbnail_redirects_to_a_signed_url_that_serves_it(string path, string name)
    {
        Put("images/" + name, "original");
        PutRendered(name, "thumbnail bytes");

        var lookup = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Found, lookup.StatusCode);
        Assert.True(lookup.Headers.CacheControl!.Private);
        // Half the URL's lifetime (Uploads:UrlLifetime, 5 minutes by default): a cached redirect never outlives its URL.
        Assert.Equal(TimeSpan.FromMinutes(2.5), lookup.Headers.CacheControl.MaxAge);
        var served = await _client.GetAsync(lookup.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("thumbnail bytes", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_url_stops_working_when_it_expires()
    {
        Put("images/a.jpg", "original");
        PutRendered("a.jpg", "thumbnail bytes");
        var location = (await _client.GetAsync("/thumbnails/a.jpg")).Headers.Location!;

        _app.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Forbidden, (await _client.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task A_signed_url_for_one_object_does_not_open_another()
    {
        Put("images/a.jpg", "original");
        PutRendered("a.jpg", "thumbnail bytes");
        var location = (await _client.GetAsync("/thumbnails/a.jpg")).Headers.Location!.ToString();

        var other = location.Replace("thumbnails/a.jpg.small.png", "images/a.jpg");

        Assert.Equal(HttpStatusCode.Forbidden, (await _client.GetAsync(other)).StatusCode);
    }

    [Theory]
    [InlineData("/thumbnails/..%2F..%2Fappsettings.json", "The name contains an empty, '.' or '..' segment.")]
    [InlineData("/uploads/..%2Fthumbnails%2Fx", "The name contains an empty, '.' or '..' segment.")]
    [InlineData("/thumbnails/a%5C..%5Cb.jpg", "The name contains a backslash.")]
    public async Task Names_that_could_escape_the_bucket_layout_are_refused_saying_why(string path, string reason)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Invalid image name: {reason}", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_over_long_name_is_refused()
    {
        var response = await _client.GetAsync("/thumbnails/" + new string('a', 1000) + ".jpg");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>What the generator leaves: the <c>small</c> thumbnail, then the record naming its definition.</summary>
    private void PutRendered(string name, string thumbnail)
    {
        Put($"thumbnails/{name}.small.png", thumbnail);
        Put($"thumbnails/{name}.renditions.json", RenditionRecords.CurrentJson(_app.Services, "small"));
    }

    private void Put(string key, string content)
    {
        var path = Path.Combine(_app.LocalRoot, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
