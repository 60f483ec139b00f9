using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>Listing is for the backfill only; lookups never list.</summary>
public sealed class S3ObjectListingTests : IClassFixture<S3rverListingFixture>, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly S3ObjectStore _store;

    public S3ObjectListingTests(S3rverListingFixture s3rver)
    {
        _client = s3rver.CreateClient();
        _store = new S3ObjectStore(_client, Options.Create(s3rver.Options), NullLogger<S3ObjectStore>.Instance);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ListingPagesThroughOnePrefixInKeyOrder()
    {
        var prefix = $"images/list-{Guid.NewGuid():N}/";
        foreach (var name in new[] { "c.png", "a.png", "b b.png" })
            await _store.WriteAsync(prefix + name, new byte[3], "image/png", ObjectKind.Thumbnail, CancellationToken.None);
        await _store.WriteAsync($"images/list-other-{Guid.NewGuid():N}.png", new byte[3], "image/png", ObjectKind.Thumbnail, CancellationToken.None);

        var first = await _store.ListAsync(prefix, null, 2, CancellationToken.None);
        var second = await _store.ListAsync(prefix, first.NextStartAfter, 2, CancellationToken.None);

        Assert.Equal([prefix + "a.png", prefix + "b b.png"], first.Objects.Select(o => o.Key));
        Assert.Equal(prefix + "b b.png", first.NextStartAfter);
        Assert.Equal([prefix + "c.png"], second.Objects.Select(o => o.Key));
        Assert.Null(second.NextStartAfter);
        Assert.All(first.Objects.Concat(second.Objects), o => Assert.Equal(3, o.Size));
    }
}
