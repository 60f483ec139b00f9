using System.Net;
using System.Net.Http.Json;
using System.Text;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Security;

/// <summary>The security headers are on every answer, errors and early exits of the pipeline included.</summary>
public sealed class SecurityHeadersTests
{
    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.StartsWith("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_malformed_json_body_is_a_400_with_the_headers()
    {
        await using var app = new ThumbApiApplication();

        var response = await app.CreateApiClient().PostAsync("/uploads", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_415_with_the_headers()
    {
        await using var app = new ThumbApiApplication();

        var response = await app.CreateApiClient().PostAsync("/uploads", new ByteArrayContent("{}"u8.ToArray()));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_rate_limited_request_is_a_429_with_the_headers()
    {
        await using var app = new ThumbApiApplication(("RateLimiting:Burst", "1"), ("RateLimiting:UploadsPerMinute", "1"));
        var client = app.CreateApiClient();
        var request = new { fileName = "a.jpg", contentType = "image/jpeg" };

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/uploads", request)).StatusCode);
        var limited = await client.PostAsJsonAsync("/uploads", request);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertSecurityHeaders(limited);
    }

    [Fact]
    public async Task A_cors_preflight_has_the_headers()
    {
        await using var app = new ThumbApiApplication(("Cors:AllowedOrigins:0", "https://gallery.example"));
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/uploads");
        preflight.Headers.Add("Origin", "https://gallery.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await app.CreateApiClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://gallery.example", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_with_the_headers()
    {
        await using var app = new ThumbApiApplication();

        var response = await app.CreateApiClient().GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }
}
