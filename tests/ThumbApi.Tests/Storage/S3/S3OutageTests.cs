using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using ThumbApi.Delivery;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Storage;
using ThumbApi.Storage.Local;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>The S3 server goes down while an event is handled: the delivery fails as transient, and its retry succeeds.</summary>
public sealed class S3OutageTests : IAsyncLifetime
{
    // A server of its own: this test stops it.
    private readonly S3rverFixture _s3rver = new();
    private S3ThumbApiFactory _app = null!;

    public async Task InitializeAsync()
    {
        await _s3rver.InitializeAsync();
        _app = new S3ThumbApiFactory(_s3rver.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _s3rver.DisposeAsync();
    }

    [Fact]
    public async Task A_delivery_during_an_outage_fails_as_transient_leaves_nothing_and_succeeds_on_retry()
    {
        using var s3 = _s3rver.CreateClient();
        const string key = "images/outage.jpg";
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3rverFixture.Bucket, Key = key, FilePath = Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), ContentType = "image/jpeg",
        });
        var head = await s3.GetObjectMetadataAsync(S3rverFixture.Bucket, key);
        var delivery = new SnsEnvelopeFactory(TimeProvider.System).ObjectCreated(new StoredObject(key, head.ContentLength, DateTimeOffset.UtcNow, head.ETag));
        var handler = _app.Services.GetRequiredService<DeliveryDispatcher>();

        await _s3rver.StopAsync();
        await Assert.ThrowsAsync<StorageUnavailableException>(() => handler.DispatchAsync(delivery, CancellationToken.None));
        await _s3rver.RestartAsync();

        Assert.Empty(await ThumbnailKeysAsync(s3));
        var retry = await handler.DispatchAsync(delivery, CancellationToken.None);
        Assert.Equal(1, retry.Generated);
        Assert.Equal(["thumbnails/outage.jpg.medium.webp", "thumbnails/outage.jpg.small.png"], await ThumbnailKeysAsync(s3));
    }

    private static async Task<List<string>> ThumbnailKeysAsync(Amazon.S3.IAmazonS3 s3)
    {
        // Bucket-level listing trips s3rver's signature check; the embedded file layout of s3rver is not an API, so list per key.
        var keys = new List<string>();
        foreach (var key in new[] { "thumbnails/outage.jpg.medium.webp", "thumbnails/outage.jpg.small.png", "thumbnails/outage.jpg.failed.json" })
        {
            try
            {
                await s3.GetObjectMetadataAsync(S3rverFixture.Bucket, key);
                keys.Add(key);
            }
            catch (Amazon.S3.AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
            }
        }
        return keys;
    }
}
