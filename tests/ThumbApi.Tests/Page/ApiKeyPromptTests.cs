using Microsoft.Playwright;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Page;

public sealed class ClosedUploadsBrowser() : Browser(new Dictionary<string, string> { ["Auth:ApiKeys:0"] = "page-key" });

/// <summary>The upload page on a deployment whose uploads need a key: it asks for one, and uses it.</summary>
public sealed class ApiKeyPromptTests(ClosedUploadsBrowser browser) : IClassFixture<ClosedUploadsBrowser>
{
    [Fact]
    public async Task AskedForAKeyOnA401ThePageRetriesWithItAndTheUploadCompletes()
    {
        var (page, problems) = await browser.OpenAsync();
        Assert.False(await page.Locator("#key-form").IsVisibleAsync());

        await page.Locator("#files").SetInputFilesAsync(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"));
        await page.Locator("#key-form").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
        Assert.True(await page.Locator("#api-key").EvaluateAsync<bool>("input => input === document.activeElement"), "the key field has no focus");

        await page.Locator("#api-key").FillAsync("wrong-key");
        await page.Locator("#key-form button").ClickAsync();
        await page.Locator("#key-error").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
        Assert.Equal("That key was not accepted; try another.", await page.Locator("#key-error").TextContentAsync());

        await page.Locator("#api-key").FillAsync("page-key");
        await page.Locator("#key-form button").ClickAsync();

        var card = page.Locator(".upload.ready");
        await card.WaitForAsync(new() { Timeout = 60_000 });
        Assert.False(await page.Locator("#key-form").IsVisibleAsync());
        Assert.Equal("page-key", await page.EvaluateAsync<string>("() => sessionStorage.getItem('apiKey')"));
        Assert.Empty(problems);
    }
}
