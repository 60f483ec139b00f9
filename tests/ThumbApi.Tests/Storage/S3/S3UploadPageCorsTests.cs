using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Page;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// The upload page on S3 whose bucket's CORS rule does not name the page's origin: the browser blocks the form
/// without telling the page why, so the page names the likely reason instead of a bare failure.
/// </summary>
public sealed class S3UploadPageCorsTests(S3UploadPageCorsTests.BucketForAnotherOrigin s3) : IClassFixture<S3UploadPageCorsTests.BucketForAnotherOrigin>
{
    [Fact]
    public async Task An_upload_the_bucket_refuses_by_CORS_says_that_CORS_is_the_likely_reason()
    {
        var (page, _) = await s3.Browser.OpenAsync();

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"));

        var error = page.Locator(".upload.failed .upload-error");
        await error.WaitForAsync(new() { Timeout = 30_000 });
        var message = await error.TextContentAsync();
        Assert.Contains($"could not reach storage at {s3.S3rver.ServiceUrl}", message);
        Assert.Contains("CORS rule does not allow this page's origin", message);
    }

    /// <summary>s3rver whose CORS rule allows only <see cref="S3rverFixture.AllowedOrigin"/>, never the page's port.</summary>
    public sealed class BucketForAnotherOrigin : IAsyncLifetime
    {
        public S3rverFixture S3rver { get; } = new();
        public Browser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await S3rver.InitializeAsync();
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
}
