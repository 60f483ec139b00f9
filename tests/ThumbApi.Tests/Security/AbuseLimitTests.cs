using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Security;

public sealed class AbuseLimitTests
{
    private static readonly object Request = new { fileName = "a.jpg", contentType = "image/jpeg" };

    [Fact]
    public async Task With_api_keys_configured_uploads_need_one_and_reads_stay_public()
    {
        await using var app = new ThumbApiApplication(("Auth:ApiKeys:0", "first-key"), ("Auth:ApiKeys:1", "second-key"));
        var client = app.CreateApiClient();

        var without = await client.PostAsJsonAsync("/uploads", Request);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("API key required", (await without.ReadProblemAsync())["title"]!.GetValue<string>());

        client.DefaultRequestHeaders.Add("X-Api-Key", "first-key-but-longer");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/uploads", Request)).StatusCode);

        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", "second-key");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/uploads", Request)).StatusCode);

        client.DefaultRequestHeaders.Remove("X-Api-Key");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/uploads/unknown.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/thumbnails/unknown.jpg")).StatusCode);
    }

    [Fact]
    public async Task Without_api_keys_uploads_are_open()
    {
        await using var app = new ThumbApiApplication();

        Assert.Equal(HttpStatusCode.Created, (await app.CreateApiClient().PostAsJsonAsync("/uploads", Request)).StatusCode);
    }

    [Fact]
    public async Task A_client_over_its_upload_rate_gets_429_with_retry_after()
    {
        await using var app = new ThumbApiApplication(("RateLimiting:Burst", "3"), ("RateLimiting:UploadsPerMinute", "6"));
        var client = app.CreateApiClient();

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/uploads", Request)).StatusCode);
        var refused = await client.PostAsJsonAsync("/uploads", Request);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal("Too many uploads", (await refused.ReadProblemAsync())["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/uploads/unknown.jpg")).StatusCode);
    }

    [Fact]
    public async Task An_oversized_upload_request_is_refused_before_it_is_read()
    {
        // The test server does not enforce body limits; Kestrel, as in production, does. The request announces
        // 20 KB and sends none of it: a server that read the body before refusing would wait for it until the deadline.
        await using var app = new ThumbApiApplication();
        var address = app.StartKestrel();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /uploads HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n"));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync()
            .WithinAsync("the answer to a 20 KB upload request whose body was never sent", TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 413 ", statusLine);
    }

    [Theory]
    [InlineData("https://photos.example", true)]
    [InlineData("https://evil.example", false)]
    public async Task Only_configured_origins_pass_a_cors_preflight(string origin, bool allowed)
    {
        await using var app = new ThumbApiApplication(("Cors:AllowedOrigins:0", "https://photos.example"));
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/uploads");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await app.CreateApiClient().SendAsync(preflight);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }
}
