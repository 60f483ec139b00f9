using System.Net;
using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>What S3 throttling and broken downloads do to a lookup and to the thumbnail handler, once the SDK has retried.</summary>
public sealed class S3UnavailableTests : IDisposable
{
    private readonly ScriptedS3Endpoint _s3 = new(ScriptedS3Endpoint.SlowDown);

    public void Dispose() => _s3.Dispose();

    private static S3ObjectStore StoreOn(string serviceUrl, out IAmazonS3 client)
    {
        var options = new StorageOptions { Provider = StorageProvider.S3, Bucket = S3rverFixture.Bucket, ServiceUrl = serviceUrl };
        client = new AmazonS3Client(S3rverFixture.Credentials, S3ClientFactory.CreateConfig(options));
        return new S3ObjectStore(client, Options.Create(options), NullLogger<S3ObjectStore>.Instance);
    }

    [Fact]
    public async Task ThrottlingIsRetriedBySdkThenSurfacedAsStorageUnavailable()
    {
        var store = StoreOn(_s3.ServiceUrl, out var client);
        using var _ = client;

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAllAsync("images/a.png", 1024, CancellationToken.None));
        Assert.True(_s3.Requests > 1, $"The SDK sent {_s3.Requests} request(s); it should have retried.");
    }

    [Fact]
    public async Task AThrottledLookupIsA503ProblemWithRetryAfter()
    {
        await using var app = new S3ThumbApiFactory(_s3.ServiceUrl);
        using var api = app.CreateClient();

        using var response = await api.GetAsync("/uploads/a.png");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("SlowDown", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABodyThatDoesNotMatchItsETagIsStorageUnavailable()
    {
        // A single-part object's ETag is the MD5 of its bytes; these bytes are not the ones it was computed from.
        using var corrupt = new ScriptedS3Endpoint(async context =>
        {
            var body = "corrupted in transit"u8.ToArray();
            context.Response.ContentType = "image/png";
            context.Response.ContentLength64 = body.Length;
            context.Response.AddHeader("ETag", $"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("the original bytes"u8))}\"");
            context.Response.AddHeader("Last-Modified", DateTime.UtcNow.ToString("R"));
            await context.Response.OutputStream.WriteAsync(body);
        });
        var store = StoreOn(corrupt.ServiceUrl, out var client);
        using var _ = client;

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAllAsync("images/a.png", 1024, CancellationToken.None));
        Assert.IsType<Amazon.Runtime.AmazonClientException>(error.InnerException);
    }
}
