using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Images;

/// <summary>
/// How a name in a URL becomes an image name: any key another tool can write is reachable. Over Kestrel, because
/// the test server neither keeps the request target as sent nor drops a HEAD answer's body.
/// </summary>
public sealed class ImageNameBindingTests : IAsyncLifetime
{
    private readonly ThumbApiApplication _app = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = new HttpClient { BaseAddress = _app.StartKestrel() };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private void PutOriginal(string name)
    {
        var path = Path.Combine(_app.LocalRoot, "images", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1, 2, 3]);
    }

    [Fact]
    public async Task A_name_holding_a_literal_percent_2F_is_its_own_image_not_a_folder()
    {
        PutOriginal("a%2Fb.jpg");
        PutOriginal("a/b.jpg");

        var literal = await _client.GetFromJsonAsync<JsonObject>("/uploads/a%252Fb.jpg");
        var nested = await _client.GetFromJsonAsync<JsonObject>("/uploads/a%2Fb.jpg");

        Assert.Equal("a%2Fb.jpg", literal!["name"]!.GetValue<string>());
        Assert.Equal("a/b.jpg", nested!["name"]!.GetValue<string>());
        Assert.Equal("/thumbnails/a%252Fb.jpg?size=small", literal["thumbnails"]!["small"]!.GetValue<string>());
    }

    [Fact]
    public async Task Both_spellings_of_a_slash_name_the_same_image()
    {
        PutOriginal("albums/2026/x.jpg");

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/uploads/albums/2026/x.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/uploads/albums%2F2026%2Fx.jpg")).StatusCode);
    }

    [Fact]
    public async Task HEAD_of_a_status_answers_as_GET_without_a_body()
    {
        PutOriginal("head.jpg");

        var known = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/uploads/head.jpg"));
        var unknown = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/uploads/nothing.jpg"));

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Empty(await known.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
