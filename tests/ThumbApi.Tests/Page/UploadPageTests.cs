using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Page;

/// <summary>The upload page in a real browser against the real app: what a person trying the service sees.</summary>
public sealed class UploadPageTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults");

    [Fact]
    public async Task UploadingAPhotoShowsItsThumbnailsAtThePresetSizes()
    {
        var (page, problems) = await browser.OpenAsync();

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"));

        var card = page.Locator(".upload.ready");
        await card.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("Ready", await card.Locator(".upload-state").TextContentAsync());
        // One image per configured preset, each loaded at its size: small crops to fill 80×80, medium fits the
        // 2560×1600 photo inside 480×480.
        var images = card.Locator(".thumbnails img");
        var shown = new Dictionary<string, Size>();
        foreach (var image in await images.AllAsync())
            shown.Add((await image.GetAttributeAsync("data-preset"))!, await NaturalSizeAsync(image));
        Assert.Equal(new Dictionary<string, Size> { ["small"] = new(80, 80), ["medium"] = new(480, 300) }, shown);
        Assert.Contains("photo_cups_2560x1600_gps.jpg: Ready", await page.Locator("#announcer").TextContentAsync());
        Assert.Empty(problems);

        await ScreenshotAsync(page, "page-after-upload.png");
    }

    [Fact]
    public async Task UntilEachThumbnailLoadsItsBoxHasTheImagesRatioAndShowsThePlaceholder()
    {
        var (page, problems) = await browser.OpenAsync();
        // The thumbnails are held back until the placeholders have been looked at.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/thumbnails/**", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"));

        var waiting = page.Locator(".thumbnail img.placeholder");
        await waiting.First.WaitForAsync(new() { Timeout = 60_000 });
        foreach (var image in await waiting.AllAsync())
        {
            var box = (await image.BoundingBoxAsync())!;
            Assert.InRange(box.Width / box.Height, 1.5, 1.7);
            var background = await image.EvaluateAsync<string>("image => getComputedStyle(image).backgroundImage");
            Assert.StartsWith("url(\"data:image/png;base64,", background);
        }
        release.SetResult();

        var card = page.Locator(".upload.ready");
        await card.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(0, await card.Locator("img.placeholder").CountAsync());
        Assert.Equal(new Size(80, 80), await NaturalSizeAsync(card.Locator("img[data-preset=small]")));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task DeletingAnUploadedImageRemovesItAndEveryThumbnail()
    {
        var (page, problems) = await browser.OpenAsync();
        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"));
        var card = page.Locator(".upload.ready");
        await card.WaitForAsync(new() { Timeout = 60_000 });
        var name = Path.GetFileName(new Uri(browser.Server.StartKestrel(), (await card.Locator("img").First.GetAttributeAsync("src"))!).AbsolutePath);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete photo_cups_2560x1600_gps.jpg" }).ClickAsync();

        var deleted = page.Locator(".upload.deleted");
        await deleted.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal("Deleted", await deleted.Locator(".upload-state").TextContentAsync());
        Assert.Equal(0, await deleted.Locator("img").CountAsync());
        Assert.False(await deleted.Locator(".upload-delete").IsVisibleAsync());
        using var client = new HttpClient { BaseAddress = browser.Server.StartKestrel() };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/uploads/{name}")).StatusCode);
        await Eventually.UntilAsync($"the thumbnails of {name} to be removed", TimeSpan.FromSeconds(30),
            () => Directory.GetFiles(Path.Combine(browser.Server.LocalRoot, "thumbnails"), name + ".*").Length == 0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task DroppingAnImageOnTheDropZoneUploadsIt()
    {
        var (page, problems) = await browser.OpenAsync();
        // What a drag from the desktop delivers: a DataTransfer holding a file (here a PNG drawn on a canvas).
        var dataTransfer = await page.EvaluateHandleAsync("""
            async () => {
              const canvas = Object.assign(document.createElement('canvas'), { width: 200, height: 120 });
              const context = canvas.getContext('2d');
              context.fillStyle = '#2456d6';
              context.fillRect(0, 0, 200, 120);
              const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
              const transfer = new DataTransfer();
              transfer.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
              return transfer;
            }
            """);

        await page.Locator("#dropzone").DispatchEventAsync("dragover", new { dataTransfer });
        Assert.Contains("dragging", await page.Locator("#dropzone").GetAttributeAsync("class"));
        await page.Locator("#dropzone").DispatchEventAsync("drop", new { dataTransfer });

        var card = page.Locator(".upload.ready");
        await card.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("dropped.png", await card.Locator(".upload-file").TextContentAsync());
        Assert.Equal(new Size(80, 80), await NaturalSizeAsync(card.Locator("img[data-preset=small]")));
        Assert.DoesNotContain("dragging", await page.Locator("#dropzone").GetAttributeAsync("class"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task TheProgressBarFollowsTheUploadAsItIsSent()
    {
        var (page, problems) = await browser.OpenAsync();
        // Slow the upload to about 400 KB/s, so that the 700 KB photo takes long enough to show intermediate progress.
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = 400_000,
        });
        await page.EvaluateAsync("""
            () => {
              window.progressSeen = [];
              new MutationObserver(records => records.forEach(r => window.progressSeen.push(r.target.value)))
                .observe(document.querySelector('#uploads'), { subtree: true, attributeFilter: ['value'] });
            }
            """);

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"));
        await page.Locator(".upload.ready").WaitForAsync(new() { Timeout = 60_000 });

        var seen = await page.EvaluateAsync<double[]>("() => window.progressSeen");
        Assert.Contains(seen, value => value is > 0 and < 100);
        Assert.Equal(100, seen[^1]);
        Assert.Equal(seen.Order(), seen);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ATextFileNamedJpgShowsWhyItCannotBeThumbnailed()
    {
        var (page, problems) = await browser.OpenAsync();

        // The browser declares image/jpeg from the name, so the API accepts the upload and processing refuses it.
        await page.Locator("#files").SetInputFilesAsync(new FilePayload
        {
            Name = "notes.jpg",
            MimeType = "image/jpeg",
            Buffer = Encoding.UTF8.GetBytes("Shopping list: milk, eggs, a camera that takes real photos.\n"),
        });

        var card = page.Locator(".upload.failed");
        await card.WaitForAsync(new() { Timeout = 60_000 });
        var error = await card.Locator(".upload-error").TextContentAsync();
        Assert.StartsWith("The image cannot be thumbnailed: ", error);
        Assert.Contains("not an image", error);
        Assert.Equal(0, await card.Locator("img").CountAsync());
        Assert.Empty(problems);

        await ScreenshotAsync(page, "page-after-failed-upload.png");
    }

    [Fact]
    public async Task SeveralFilesChosenAtOnceEachGetTheirOwnResult()
    {
        var (page, problems) = await browser.OpenAsync(width: 900, height: 700);

        await page.Locator("#files").SetInputFilesAsync(
        [
            new FilePayload { Name = "photo_cups_2560x1600_gps.jpg", MimeType = "image/jpeg", Buffer = await File.ReadAllBytesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg")) },
            new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = Encoding.UTF8.GetBytes("Not a photo at all.\n") },
        ]);

        await page.Locator(".upload.ready").WaitForAsync(new() { Timeout = 60_000 });
        await page.Locator(".upload.failed").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(2, await page.Locator(".upload").CountAsync());
        Assert.Equal("photo_cups_2560x1600_gps.jpg", await page.Locator(".upload.ready .upload-file").TextContentAsync());
        Assert.Equal("notes.jpg", await page.Locator(".upload.failed .upload-file").TextContentAsync());
        Assert.Empty(problems);

        // The source of docs/upload-page.png, the picture of the page in docs/getting-started.md.
        await ScreenshotAsync(page, "page-with-two-uploads.png");
    }

    [Fact]
    public async Task AFileOfAnUnacceptedTypeShowsTheApiValidationMessage()
    {
        var (page, _) = await browser.OpenAsync();

        await page.Locator("#files").SetInputFilesAsync(new FilePayload
        {
            Name = "scan.bmp",
            MimeType = "image/bmp",
            Buffer = [(byte)'B', (byte)'M', 0, 0],
        });

        var error = page.Locator(".upload.failed .upload-error");
        await error.WaitForAsync();
        Assert.Equal("'image/bmp' is not accepted; use one of image/jpeg, image/png, image/gif, image/webp.", await error.TextContentAsync());
    }

    [Fact]
    public async Task TheDropZoneIsReachedWithTheKeyboardAndShowsFocus()
    {
        var (page, _) = await browser.OpenAsync();

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("files", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        var outline = await page.Locator("#dropzone").EvaluateAsync<string>("zone => getComputedStyle(zone).outlineStyle");
        Assert.Equal("solid", outline);
    }

    [Fact]
    public async Task OnAPhoneSizedScreenTheThumbnailsFitWithoutSidewaysScrolling()
    {
        var (page, problems) = await browser.OpenAsync(width: 375, height: 740);

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"));
        await page.Locator(".upload.ready").WaitForAsync(new() { Timeout = 60_000 });

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways on a 375 pixel wide screen.");
        Assert.Empty(problems);
        await ScreenshotAsync(page, "page-on-a-phone.png");
    }

    [Fact]
    public async Task ThePageRunsUnderAStrictContentSecurityPolicyAndSwaggerUiStillWorks()
    {
        var (page, problems) = await browser.OpenAsync();
        var response = await page.GotoAsync("/");
        var headers = await response!.AllHeadersAsync();
        // The exact policy: any added directive or source (an 'unsafe-inline', a wildcard) is a loosening and fails here.
        var policy = headers["content-security-policy"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => string.Join(' ', parts.Skip(1).Order(StringComparer.Ordinal)));
        Assert.Equal(new Dictionary<string, string>
        {
            ["default-src"] = "'self'",
            ["script-src"] = "'self'",
            ["style-src"] = "'self'",
            ["img-src"] = "'self' data: https:",
            ["connect-src"] = "'self' https:",
            ["object-src"] = "'none'",
            ["base-uri"] = "'none'",
            ["form-action"] = "'self'",
            ["frame-ancestors"] = "'none'",
        }, policy);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        // The module ran: it wires the input, which only a running script can do.
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "a.txt", MimeType = "text/plain", Buffer = [1] });
        await page.Locator(".upload.failed").WaitForAsync();

        await page.GotoAsync("/swagger/index.html");
        await page.Locator(".swagger-ui .info .title").WaitForAsync();
        Assert.Contains("ThumbApi", await page.Locator(".swagger-ui .info .title").TextContentAsync());
        Assert.Empty(problems);
    }

    private static async Task<Size> NaturalSizeAsync(ILocator image)
    {
        // Loaded means complete with pixels: a broken image is complete too, with a natural size of 0×0.
        await image.WaitForAsync();
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
        var size = await image.EvaluateAsync<JsonElement>("image => ({ width: image.naturalWidth, height: image.naturalHeight })");
        return new Size(size.GetProperty("width").GetInt32(), size.GetProperty("height").GetInt32());
    }

    private static async Task ScreenshotAsync(IPage page, string fileName)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, fileName), FullPage = true });
    }

    private sealed record Size(int Width, int Height);
}

public sealed class UploadPageFilesTests
{
    [Theory]
    [InlineData("index.html")]
    [InlineData("app.css")]
    [InlineData("app.js")]
    public void ThePageIsCopiedToTheBuildOutputWhereTheContentRootIs(string file) =>
        // Program.cs makes the output folder the content root, so dotnet run and the Lambda package serve from there.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot", file)), $"wwwroot/{file} is not in the build output.");
}
