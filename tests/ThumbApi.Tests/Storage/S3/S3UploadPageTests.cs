using System.Text.Json;
using Microsoft.Playwright;
using ThumbApi.Images;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Page;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// The upload page in a real browser with <c>Storage:Provider=S3</c>: the form goes from the page's origin to the
/// bucket's (CORS on s3rver, the page's Content-Security-Policy), and the thumbnails load from presigned s3rver URLs.
/// </summary>
public sealed class S3UploadPageTests(S3UploadPageTests.S3Page s3) : IClassFixture<S3UploadPageTests.S3Page>
{
    [Fact]
    public async Task APhotoUploadedFromThePageReachesTheBucketAndItsThumbnailsLoadFromIt()
    {
        var (page, problems) = await s3.Browser.OpenAsync();
        var fromBucket = new System.Collections.Concurrent.ConcurrentQueue<(string Url, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Url.StartsWith(s3.S3rver.ServiceUrl, StringComparison.Ordinal)) fromBucket.Enqueue((response.Url, response.Status));
        };

        var created = page.WaitForResponseAsync(r => r.Url.EndsWith("/uploads", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"));
        var upload = JsonDocument.Parse(await (await created).TextAsync()).RootElement;
        Assert.StartsWith(s3.S3rver.ServiceUrl, upload.GetProperty("upload").GetProperty("url").GetString());
        var name = upload.GetProperty("name").GetString()!;

        // Once the bucket has answered the form, the object is whole: Lambda's part (on S3's event) is played here.
        var formUrl = $"{s3.S3rver.ServiceUrl}/{S3rverFixture.Bucket}/";
        await Eventually.UntilAsync($"the bucket's answer to the browser's form POST to {formUrl}", TimeSpan.FromSeconds(30),
            () => fromBucket.Any(r => r.Url == formUrl));
        Assert.Contains(fromBucket, r => r.Url == formUrl && r.Status == 204);
        Assert.Equal(ThumbnailOutcome.Generated,
            await s3.Browser.Server.GetRequiredService<ThumbnailGenerator>().GenerateAsync(ImageName.Parse(name), version: null, CancellationToken.None));

        var card = page.Locator(".upload.ready");
        await card.WaitForAsync(new() { Timeout = 60_000 });
        var small = card.Locator("img[data-preset=small]");
        await page.WaitForFunctionAsync("image => image.complete && image.naturalWidth > 0", await small.ElementHandleAsync());
        Assert.Equal(80, await small.EvaluateAsync<int>("image => image.naturalWidth"));
        Assert.Empty(problems);
        // The thumbnail came from the bucket through the API's redirect.
        Assert.Contains(fromBucket, r => r.Url.StartsWith($"{s3.S3rver.ServiceUrl}/{S3rverFixture.Bucket}/thumbnails/{name}.small.png?", StringComparison.Ordinal) && r.Status == 200);
    }

    /// <summary>s3rver, then the app on it in the browser fixture; the app finds s3rver's keys in the environment.</summary>
    public sealed class S3Page : IAsyncLifetime
    {
        public S3rverFixture S3rver { get; } = new S3rverPageFixture();
        public Browser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await S3rver.InitializeAsync();
            // The service reads credentials from the SDK's default chain, as it does on Lambda.
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
            Browser = new S3Browser(new Dictionary<string, string>
            {
                ["Storage:Provider"] = "S3",
                ["Storage:Bucket"] = S3rverFixture.Bucket,
                ["Storage:ServiceUrl"] = S3rver.ServiceUrl,
                // Not the user's own ~/.thumbapi: a key file of the test run's.
                ["DeleteTokens:KeyFile"] = Path.Combine(Directory.CreateTempSubdirectory("thumbapi-keys-").FullName, "delete-token-key"),
            });
            await Browser.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            await S3rver.DisposeAsync();
        }
    }

    private sealed class S3Browser(IReadOnlyDictionary<string, string> settings) : Browser(settings);

    /// <summary>The page's origin is a Kestrel port chosen at start, so the bucket's CORS rule allows any origin.</summary>
    private sealed class S3rverPageFixture() : S3rverFixture(["--cors-origin", "*"]);
}
