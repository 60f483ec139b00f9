using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ThumbApi.Images;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;

namespace ThumbApi.Tests.Storage.S3;

[Collection(S3rverCollection.Name)]
public sealed class S3ObjectStoreTests : IDisposable
{
    private readonly RecordingHttpClientFactory _wire = new();
    private readonly IAmazonS3 _client;
    private readonly S3ObjectStore _store;
    private readonly S3rverFixture _s3rver;

    public S3ObjectStoreTests(S3rverFixture s3rver)
    {
        _s3rver = s3rver;
        _client = s3rver.CreateClient(config => config.HttpClientFactory = _wire);
        _store = new S3ObjectStore(_client, Options.Create(s3rver.Options), NullLogger<S3ObjectStore>.Instance);
    }

    public void Dispose() => _client.Dispose();

    private static string NewKey(string prefix, string extension) => $"{prefix}{Guid.NewGuid():N}.{extension}";

    [Fact]
    public async Task GetInfoOfAMissingKeyIsNull()
    {
        Assert.Null(await _store.GetInfoAsync(NewKey("images/", "png"), CancellationToken.None));
    }

    [Fact]
    public async Task GetInfoUsesOneHeadRequestAndReportsTheSize()
    {
        var key = NewKey("images/", "jpg");
        await _store.WriteAsync(key, new byte[1234], "image/jpeg", ObjectKind.Thumbnail, CancellationToken.None);
        _wire.Exchanges.Clear();

        var info = await _store.GetInfoAsync(key, CancellationToken.None);

        Assert.NotNull(info);
        Assert.Equal(1234, info.Size);
        Assert.Equal(key, info.Key);
        Assert.InRange(info.LastModified, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var request = Assert.Single(_wire.Exchanges);
        Assert.Equal(HttpMethod.Head, request.Method);
    }

    [Fact]
    public async Task DeleteRemovesTheObjectAndDeletingAMissingKeySucceeds()
    {
        var key = NewKey("thumbnails/", "png");
        await _store.WriteAsync(key, new byte[10], "image/png", ObjectKind.Thumbnail, CancellationToken.None);
        _wire.Exchanges.Clear();

        await _store.DeleteAsync(key, CancellationToken.None);
        await _store.DeleteAsync(key, CancellationToken.None);

        Assert.Equal([HttpMethod.Delete, HttpMethod.Delete], _wire.Exchanges.Select(e => e.Method));
        Assert.Null(await _store.GetInfoAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task ReadingAMissingKeyThrowsStoredObjectNotFound()
    {
        var key = NewKey("images/", "png");
        var error = await Assert.ThrowsAsync<StoredObjectNotFoundException>(() => _store.ReadAllAsync(key, 1024, CancellationToken.None));
        Assert.Equal(key, error.Key);
    }

    [Fact]
    public async Task ReadAllReturnsTheWholeObject()
    {
        var key = NewKey("images/", "png");
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        await _store.WriteAsync(key, content, "image/png", ObjectKind.Thumbnail, CancellationToken.None);

        Assert.Equal(content, (await _store.ReadAllAsync(key, content.Length, CancellationToken.None)).Bytes);
    }

    [Fact]
    public async Task ReadAllRefusesAnOversizedObjectWithoutConsumingItsBody()
    {
        var key = NewKey("images/", "png");
        await _store.WriteAsync(key, new byte[2 * 1024 * 1024], "image/png", ObjectKind.Thumbnail, CancellationToken.None);
        _wire.Exchanges.Clear();

        var error = await Assert.ThrowsAsync<StoredObjectTooLargeException>(() => _store.ReadAllAsync(key, 1024 * 1024, CancellationToken.None));

        Assert.Equal(2 * 1024 * 1024, error.Size);
        Assert.Equal(1024 * 1024, error.MaxBytes);
        var get = Assert.Single(_wire.Exchanges);
        Assert.Equal(HttpMethod.Get, get.Method);
        Assert.Equal(0, get.BodyBytesRead);
    }

    [Fact]
    public async Task ThumbnailsAreWrittenWithTheirContentTypeAndADayOfPrivateCaching()
    {
        var key = NewKey("thumbnails/", "small.png");
        await _store.WriteAsync(key, Encoding.ASCII.GetBytes("png bytes"), "image/png", ObjectKind.Thumbnail, CancellationToken.None);

        var head = await _client.GetObjectMetadataAsync(S3rverFixture.Bucket, key);
        Assert.Equal("image/png", head.Headers.ContentType);
        var cacheControl = System.Net.Http.Headers.CacheControlHeaderValue.Parse(head.Headers.CacheControl);
        Assert.True(cacheControl.Private);
        Assert.Equal(TimeSpan.FromDays(1), cacheControl.MaxAge);
        Assert.DoesNotContain(_wire.Exchanges, e => e.Headers.ContainsKey("x-amz-tagging"));
    }

    [Fact]
    public async Task FailureRecordsAreJsonTaggedForTheLifecycleRuleInTheSamePut()
    {
        var key = NewKey("thumbnails/", "failed.json");
        await _store.WriteAsync(key, Encoding.UTF8.GetBytes("""{"name":"x"}"""), "application/json", ObjectKind.FailureRecord, CancellationToken.None);

        var head = await _client.GetObjectMetadataAsync(S3rverFixture.Bucket, key);
        Assert.Equal("application/json", head.Headers.ContentType);
        // s3rver ignores x-amz-tagging on PUT, so the tag is checked on the wire.
        var put = Assert.Single(_wire.Exchanges, e => e.Method == HttpMethod.Put);
        Assert.Equal("thumbapi-kind=failure", put.Headers["x-amz-tagging"]);
    }

    [Fact]
    public async Task AnUnreachableServerIsStorageUnavailable()
    {
        // Nothing listens on the discard port of loopback: the connection is refused.
        var options = new StorageOptions { Provider = StorageProvider.S3, Bucket = S3rverFixture.Bucket, ServiceUrl = "http://127.0.0.1:9" };
        var config = S3ClientFactory.CreateConfig(options);
        config.MaxErrorRetry = 0;
        using var unreachable = new AmazonS3Client(S3rverFixture.Credentials, config);
        var store = new S3ObjectStore(unreachable, Options.Create(options), NullLogger<S3ObjectStore>.Instance);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetInfoAsync("images/a.png", CancellationToken.None));
    }

    [Fact]
    public async Task AccessDeniedIsNeitherMissingNorExisting()
    {
        var key = NewKey("images/", "png");
        await _store.WriteAsync(key, new byte[10], "image/png", ObjectKind.Thumbnail, CancellationToken.None);
        // s3rver answers 403 to a wrong secret, as S3 does to a role without s3:ListBucket for a missing key.
        using var denied = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials("S3RVER", "wrong"), S3ClientFactory.CreateConfig(_s3rver.Options));
        var store = new S3ObjectStore(denied, Options.Create(_s3rver.Options), NullLogger<S3ObjectStore>.Instance);

        foreach (var lookup in new[] { key, NewKey("images/", "png") })
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetInfoAsync(lookup, CancellationToken.None));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, Assert.IsType<AmazonS3Exception>(error.InnerException).StatusCode);
        }
    }
}
