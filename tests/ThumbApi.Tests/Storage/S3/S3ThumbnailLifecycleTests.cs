using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ThumbApi.Images;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// The API and the thumbnail generator over a real S3 protocol server: what a client sees from asking for an
/// upload to fetching the thumbnail. The generator is run directly, as Lambda would on the upload's event.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ThumbnailLifecycleTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly S3ThumbApiFactory _app = new(s3rver.ServiceUrl);
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false });
    private HttpClient _api = null!;

    public Task InitializeAsync()
    {
        _api = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    private static byte[] Png() => NetVips.Image.Black(64, 48, bands: 3).WriteToBuffer(".png");

    private async Task<(string Name, JsonElement Upload)> AskForUploadAsync()
    {
        using var response = await _api.PostAsJsonAsync("/uploads", new { fileName = "cat.png", contentType = "image/png" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("name").GetString()!, body.GetProperty("upload"));
    }

    private async Task UploadAsync(JsonElement upload, byte[] file)
    {
        var fields = upload.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        using var form = S3PresignedUploadTests.Form(fields, file);
        using var response = await _browser.PostAsync(upload.GetProperty("url").GetString(), form);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task<string> StatusAsync(string name)
    {
        var body = await _api.GetFromJsonAsync<JsonElement>($"/uploads/{name}");
        return body.GetProperty("status").GetString()!;
    }

    private Task<ThumbnailOutcome> GenerateAsync(string name) =>
        _app.Services.GetRequiredService<ThumbnailGenerator>().GenerateAsync(ImageName.Parse(name), version: null, CancellationToken.None);

    [Fact]
    public async Task TheUploadFormTargetsTheBucketAndKeepsTheContractsShape()
    {
        var (name, upload) = await AskForUploadAsync();

        Assert.Equal("POST", upload.GetProperty("method").GetString());
        Assert.Equal($"{s3rver.ServiceUrl}/{S3rverFixture.Bucket}/", upload.GetProperty("url").GetString());
        Assert.Equal("file", upload.GetProperty("fileField").GetString());
        Assert.Equal(26_214_400, upload.GetProperty("maxBytes").GetInt64());
        var expiresAt = upload.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4.5), TimeSpan.FromMinutes(5));
        var fields = upload.GetProperty("fields");
        Assert.Equal($"images/{name}", fields.GetProperty("key").GetString());
        Assert.Equal("image/png", fields.GetProperty("Content-Type").GetString());
        var policy = ThumbApi.Storage.PostPolicy.FromBase64(fields.GetProperty("Policy").GetString()!);
        Assert.Equal(expiresAt, policy.Expiration);
        Assert.Equal((1L, 26_214_400L), policy.LengthRange);
    }

    [Fact]
    public async Task AnImageGoesFromUnknownToPendingToReadyAndItsThumbnailRedirectsToTheBucket()
    {
        var (name, upload) = await AskForUploadAsync();
        using (var unknown = await _api.GetAsync($"/uploads/{name}")) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        await UploadAsync(upload, Png());
        Assert.Equal("pending", await StatusAsync(name));
        using (var pending = await _api.GetAsync($"/thumbnails/{name}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
            Assert.NotNull(pending.Headers.RetryAfter);
        }

        Assert.Equal(ThumbnailOutcome.Generated, await GenerateAsync(name));

        Assert.Equal("ready", await StatusAsync(name));
        using var lookup = await _api.GetAsync($"/thumbnails/{name}?size=small");
        Assert.Equal(HttpStatusCode.Found, lookup.StatusCode);
        var location = lookup.Headers.Location!;
        Assert.StartsWith($"{s3rver.ServiceUrl}/{S3rverFixture.Bucket}/thumbnails/{name}.small.png?", location.ToString());
        using var thumbnail = await _browser.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/png", thumbnail.Content.Headers.ContentType?.MediaType);
        using var image = NetVips.Image.NewFromBuffer(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Fact]
    public async Task AFileThatIsNotAnImageEndsFailedWithAReason()
    {
        var (name, upload) = await AskForUploadAsync();
        await UploadAsync(upload, Encoding.ASCII.GetBytes("<html>not an image</html>"));

        Assert.Equal(ThumbnailOutcome.Failed, await GenerateAsync(name));

        var status = await _api.GetFromJsonAsync<JsonElement>($"/uploads/{name}");
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("reason").GetString()));
        using var lookup = await _api.GetAsync($"/thumbnails/{name}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lookup.StatusCode);
        Assert.Equal("application/problem+json", lookup.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WithCredentialsS3RefusesLookupsAre503ProblemsThatDoNotLeakS3sAnswerAndHealthSaysSo()
    {
        await using var denied = new S3ThumbApiFactory(s3rver.ServiceUrl, new Amazon.Runtime.BasicAWSCredentials("S3RVER", "wrong"));
        using var api = denied.CreateClient();

        using var response = await api.GetAsync($"/uploads/{Guid.NewGuid():N}.png");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        // A HEAD carries no error body, so S3's 403 cannot say whether the key or the permission is wrong.
        Assert.Contains("The image store denied the service access", body);
        Assert.DoesNotContain("Signature", body);
        Assert.DoesNotContain(S3rverFixture.Bucket, body);

        using var health = await api.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"status\":\"unavailable\"", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthIsOkWhenS3AnswersWithTheServicesCredentials()
    {
        using var health = await _api.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task WithNoCredentialsAtAllAskingForAnUploadIsA503NotA500()
    {
        await using var anonymous = new S3ThumbApiFactory(s3rver.ServiceUrl, new UnresolvableCredentials());
        using var api = anonymous.CreateClient();

        using var response = await api.PostAsJsonAsync("/uploads", new { fileName = "a.jpg", contentType = "image/jpeg" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("cannot authenticate to the image store", await response.Content.ReadAsStringAsync());
    }

    /// <summary>What the SDK's default chain does on a machine with no AWS credentials anywhere.</summary>
    private sealed class UnresolvableCredentials : Amazon.Runtime.AWSCredentials
    {
        public override Amazon.Runtime.ImmutableCredentials GetCredentials() =>
            throw new Amazon.Runtime.AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned no credentials.");
    }

    [Fact]
    public async Task AnEventForAKeyThatWasDeletedIsSkipped()
    {
        Assert.Equal(ThumbnailOutcome.Skipped, await GenerateAsync($"{Guid.NewGuid():N}.png"));
    }
}
