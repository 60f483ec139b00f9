using System.Net;
using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>What S3 throttling does to a lookup and to the thumbnail handler, once the SDK has retried.</summary>
public sealed class S3UnavailableTests : IDisposable
{
    private readonly ThrottlingS3Endpoint _s3 = new();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task ThrottlingIsRetriedBySdkThenSurfacedAsStorageUnavailable()
    {
        var options = new StorageOptions { Provider = StorageProvider.S3, Bucket = S3rverFixture.Bucket, ServiceUrl = _s3.ServiceUrl };
        using var client = new AmazonS3Client(S3rverFixture.Credentials, S3ClientFactory.CreateConfig(options));
        var store = new S3ObjectStore(client, Options.Create(options), NullLogger<S3ObjectStore>.Instance);

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
}
