using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ThumbApi.Delivery;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Storage;
using ThumbApi.Storage.Local;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// The S3 server goes down in the middle of a delivery, after one preset's thumbnail is written and before the next:
/// the delivery fails as transient, nothing claims the image is ready or failed, and the retry completes it.
/// </summary>
public sealed class S3OutageTests : IAsyncLifetime
{
    private const string Name = "outage.jpg";
    private const string Key = "images/" + Name;
    private static readonly string[] ThumbnailKeys = ["thumbnails/outage.jpg.medium.webp", "thumbnails/outage.jpg.small.png"];
    private const string FailureKey = "thumbnails/outage.jpg.failed.json";

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
    public async Task Storage_stopped_mid_delivery_fails_it_as_transient_claims_nothing_and_the_retry_completes_it()
    {
        using var s3 = _s3rver.CreateClient();
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3rverFixture.Bucket, Key = Key, FilePath = Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), ContentType = "image/jpeg",
        });
        var head = await s3.GetObjectMetadataAsync(S3rverFixture.Bucket, Key);
        var delivery = new SnsEnvelopeFactory(TimeProvider.System).ObjectCreated(new StoredObject(Key, head.ContentLength, DateTimeOffset.UtcNow, head.ETag));
        var outage = new OutageAfterFirstThumbnail(_s3rver.StopAsync);
        await using var app = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => outage.Wrap(services)));
        var handler = app.Services.GetRequiredService<DeliveryDispatcher>();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => handler.DispatchAsync(delivery, CancellationToken.None));
        Assert.Single(outage.Written);
        await _s3rver.RestartAsync();

        // One preset is whole in the bucket; the image as a whole is still pending, not ready and not failed.
        Assert.Equal(outage.Written, await ExistingAsync(s3, [.. ThumbnailKeys, FailureKey]));
        var api = app.CreateClient();
        Assert.Equal("pending", (await api.GetFromJsonAsync<JsonObject>($"/uploads/{Name}"))!["status"]!.GetValue<string>());

        var retry = await handler.DispatchAsync(delivery, CancellationToken.None);

        Assert.Equal(1, retry.Generated);
        Assert.Equal(ThumbnailKeys, await ExistingAsync(s3, [.. ThumbnailKeys, FailureKey]));
        Assert.Equal("ready", (await api.GetFromJsonAsync<JsonObject>($"/uploads/{Name}"))!["status"]!.GetValue<string>());
    }

    private static async Task<List<string>> ExistingAsync(Amazon.S3.IAmazonS3 s3, IEnumerable<string> candidates)
    {
        // Bucket-level listing trips s3rver's signature check; the embedded file layout of s3rver is not an API, so look up each key.
        var keys = new List<string>();
        foreach (var key in candidates)
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

    /// <summary>The service's own store, with the storage stopped as soon as the first thumbnail of the job is written.</summary>
    private sealed class OutageAfterFirstThumbnail(Func<Task> stopStorage)
    {
        public List<string> Written { get; } = [];

        private Task StopStorageAsync() => stopStorage();

        public void Wrap(IServiceCollection services)
        {
            var registered = services.Last(d => d.ServiceType == typeof(IObjectStore));
            services.RemoveAll<IObjectStore>();
            services.AddSingleton<IObjectStore>(sp => new Store(
                (IObjectStore)(registered.ImplementationInstance
                    ?? registered.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
                this));
        }

        private sealed class Store(IObjectStore inner, OutageAfterFirstThumbnail outage) : IObjectStore
        {
            public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

            public Task<ObjectContent> ReadAllAsync(string key, long maxBytes, CancellationToken cancellationToken) =>
                inner.ReadAllAsync(key, maxBytes, cancellationToken);

            public Task<ObjectPage> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken) =>
                inner.ListAsync(prefix, startAfter, maxKeys, cancellationToken);

            public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

            public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, ObjectKind kind, CancellationToken cancellationToken)
            {
                await inner.WriteAsync(key, content, contentType, kind, cancellationToken);
                if (kind != ObjectKind.Thumbnail) return;
                lock (outage.Written) outage.Written.Add(key);
                if (outage.Written.Count == 1) await outage.StopStorageAsync();
            }
        }
    }
}
