using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Page;

/// <summary>An app that accepts files of at most 1000 bytes, so that the corpus photo is too large.</summary>
public sealed class SmallUploadLimitBrowser() : Browser(new Dictionary<string, string> { ["Uploads:MaxBytes"] = "1000" });

/// <summary>A too-large file is stopped by the API, by the page or by storage; each says why in words.</summary>
public sealed class UploadLimitTests(SmallUploadLimitBrowser browser) : IClassFixture<SmallUploadLimitBrowser>
{
    private const string Photo = "photo_cups_2560x1600_gps.jpg";

    [Fact]
    public async Task AFileOverTheLimitIsRefusedByTheApiWithTheLimitInTheMessage()
    {
        var (page, _) = await browser.OpenAsync();

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf(Photo));

        var error = page.Locator(".upload.failed .upload-error");
        await error.WaitForAsync();
        Assert.StartsWith("The file must have between 1 and 1000 bytes", await error.TextContentAsync());
    }

    [Fact]
    public async Task AFileOverTheFormsMaxBytesIsNotSent()
    {
        var (page, _) = await browser.OpenAsync();
        var sentToStorage = false;
        page.Request += (_, request) => sentToStorage |= request.Url.Contains("/storage/upload", StringComparison.Ordinal);
        // As if the API had not been told the size: it issues a form, and only the page knows the file is too large.
        await page.RouteAsync("**/uploads", route => route.ContinueAsync(new() { PostData = WithoutContentLength(route.Request) }));

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf(Photo));

        var error = page.Locator(".upload.failed .upload-error");
        await error.WaitForAsync();
        Assert.Matches(@"^The file is [\d.]+ KB; the limit is 1000 bytes\.$", await error.TextContentAsync());
        Assert.False(sentToStorage);
    }

    [Fact]
    public async Task WhenStorageRefusesTheFileThePageShowsItsReason()
    {
        var (page, _) = await browser.OpenAsync();
        // A form whose maxBytes claims more than its signed policy allows: storage is the last line of defence.
        await page.RouteAsync("**/uploads", async route =>
        {
            var response = await route.FetchAsync(new() { PostData = WithoutContentLength(route.Request) });
            var created = JsonNode.Parse(await response.TextAsync())!;
            created["upload"]!["maxBytes"] = long.MaxValue / 2;
            await route.FulfillAsync(new() { Response = response, Body = created.ToJsonString() });
        });

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf(Photo));

        var error = page.Locator(".upload.failed .upload-error");
        await error.WaitForAsync();
        Assert.Equal("Storage refused the file: Entity too large: The file is larger than the policy's maximum of 1000 bytes.",
            await error.TextContentAsync());
    }

    [Fact]
    public async Task AnS3ErrorDocumentIsShownByItsMessage()
    {
        var (page, _) = await browser.OpenAsync();
        // What S3 itself answers when a form's file breaks the policy's content-length-range.
        await page.RouteAsync("**/storage/upload", route => route.FulfillAsync(new()
        {
            Status = 400,
            ContentType = "application/xml",
            Body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>EntityTooLarge</Code>" +
                "<Message>Your proposed upload exceeds the maximum allowed size</Message><ProposedSize>698472</ProposedSize>" +
                "<MaxSizeAllowed>1000</MaxSizeAllowed><RequestId>TEST</RequestId><HostId>TEST</HostId></Error>",
        }));
        // A tiny file passes the API's and the page's checks, and meets the S3 refusal.
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "tiny.png", MimeType = "image/png", Buffer = new byte[10] });

        var error = page.Locator(".upload.failed .upload-error");
        await error.WaitForAsync();
        Assert.Equal("Storage refused the file: Your proposed upload exceeds the maximum allowed size.", await error.TextContentAsync());
    }

    private static byte[] WithoutContentLength(IRequest request)
    {
        var body = JsonNode.Parse(request.PostData!)!.AsObject();
        body.Remove("contentLength");
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }
}
