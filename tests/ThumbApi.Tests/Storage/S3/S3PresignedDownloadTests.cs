using System.Globalization;
using System.Net;
using System.Text;
using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>s3rver checks SigV4 query signatures and their expiry, as S3 does.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3PresignedDownloadTests(S3rverFixture s3rver) : IDisposable
{
    private readonly IAmazonS3 _client = s3rver.CreateClient();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private S3Presigner Presigner => new(_client, Options.Create(s3rver.Options));

    private async Task<string> WriteThumbnailAsync(string content)
    {
        var key = $"thumbnails/{Guid.NewGuid():N} photo.jpg.small.png";
        var store = new S3ObjectStore(_client, Options.Create(s3rver.Options), NullLogger<S3ObjectStore>.Instance);
        await store.WriteAsync(key, Encoding.ASCII.GetBytes(content), "image/png", ObjectKind.Thumbnail, CancellationToken.None);
        return key;
    }

    [Fact]
    public async Task APresignedGetServesTheThumbnailWithItsHeaders()
    {
        var key = await WriteThumbnailAsync("thumbnail");
        var url = await Presigner.PresignDownloadAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        using var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"{s3rver.ServiceUrl}/{S3rverFixture.Bucket}/thumbnails/", url.ToString());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.Equal(TimeSpan.FromDays(1), response.Headers.CacheControl?.MaxAge);
        Assert.Equal("thumbnail", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AUrlSignedForOneKeyDoesNotOpenAnother()
    {
        var signed = await WriteThumbnailAsync("mine");
        var other = await WriteThumbnailAsync("someone else's");
        var url = await Presigner.PresignDownloadAsync(signed, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        var tampered = new UriBuilder(url) { Path = $"/{S3rverFixture.Bucket}/{string.Join('/', other.Split('/').Select(Uri.EscapeDataString))}" }.Uri;

        using var response = await _http.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AUrlWithAnAlteredExpiryIsRefused()
    {
        var key = await WriteThumbnailAsync("thumbnail");
        var url = await Presigner.PresignDownloadAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        var longer = new Uri(System.Text.RegularExpressions.Regex.Replace(url.ToString(), "X-Amz-Expires=\\d+", "X-Amz-Expires=86400"));

        using var response = await _http.GetAsync(longer);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredUrlIsRefused()
    {
        // Long enough that the first GET is in time even on a loaded machine; then wait past the expiry the URL itself states.
        var key = await WriteThumbnailAsync("thumbnail");
        var url = await Presigner.PresignDownloadAsync(key, DateTimeOffset.UtcNow.AddSeconds(10), CancellationToken.None);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var expiresAt = signedAt.AddSeconds(int.Parse(query["X-Amz-Expires"]!, CultureInfo.InvariantCulture));
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(11));
        using (var fresh = await _http.GetAsync(url)) Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        await Eventually.UntilAsync($"the URL's expiry ({expiresAt:HH:mm:ss}) to pass by a second", TimeSpan.FromSeconds(15),
            () => DateTimeOffset.UtcNow > expiresAt.AddSeconds(1));
        using var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Request has expired", await response.Content.ReadAsStringAsync());
    }
}
