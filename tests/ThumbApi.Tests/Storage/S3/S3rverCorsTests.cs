using System.Net;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// The local bucket's CORS rule, as a browser asks for it before posting the upload form (a preflight): the page may
/// be open on <c>localhost</c> or on <c>127.0.0.1</c>, two origins to the browser but one local server.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3rverCorsTests(S3rverFixture s3rver) : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("http://localhost:5173")]
    [InlineData("http://127.0.0.1:5173")]
    public async Task A_form_post_from_the_configured_loopback_origin_in_either_spelling_is_allowed(string origin)
    {
        Assert.Equal("http://localhost:5173", S3rverFixture.AllowedOrigin);

        using var response = await PreflightAsync(origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Access-Control-Allow-Origin"), $"no Access-Control-Allow-Origin for {origin}");
    }

    [Theory]
    [InlineData("http://localhost:5174")]
    [InlineData("http://thumbapi.example:5173")]
    public async Task A_form_post_from_another_origin_is_refused(string origin)
    {
        using var response = await PreflightAsync(origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"{s3rver.ServiceUrl}/{S3rverFixture.Bucket}/");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return _http.SendAsync(request);
    }
}
