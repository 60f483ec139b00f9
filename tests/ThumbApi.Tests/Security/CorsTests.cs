using System.Net;
using System.Net.Http.Json;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Security;

/// <summary>
/// The app is the one place that answers CORS (the Function URL has no cors block, iac/functions.tf): what a
/// cross-origin client needs must come from here.
/// </summary>
public sealed class CorsTests
{
    private const string Origin = "https://photos.example";

    [Fact]
    public async Task A_preflight_for_an_upload_with_a_key_is_allowed_for_a_configured_origin()
    {
        await using var app = new ThumbApiApplication(("Cors:AllowedOrigins:0", Origin));
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/uploads");
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");

        var response = await app.CreateApiClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowedHeaders = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("x-api-key", allowedHeaders);
        Assert.Contains("content-type", allowedHeaders);
    }

    [Fact]
    public async Task Cross_origin_answers_expose_location_and_retry_after_once()
    {
        await using var app = new ThumbApiApplication(("Cors:AllowedOrigins:0", Origin), ("RateLimiting:Burst", "1"), ("RateLimiting:UploadsPerMinute", "1"));
        var client = app.CreateApiClient();
        client.DefaultRequestHeaders.Add("Origin", Origin);
        var request = new { fileName = "a.jpg", contentType = "image/jpeg" };

        var created = await client.PostAsJsonAsync("/uploads", request);
        var limited = await client.PostAsJsonAsync("/uploads", request);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        foreach (var response in new[] { created, limited })
        {
            Assert.Equal(Origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            var exposed = Assert.Single(response.Headers.GetValues("Access-Control-Expose-Headers")).Split(',', StringSplitOptions.TrimEntries);
            Assert.Contains("Location", exposed);
            Assert.Contains("Retry-After", exposed);
        }
    }
}
