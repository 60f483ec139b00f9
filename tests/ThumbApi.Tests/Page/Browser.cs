using System.Collections.Concurrent;
using Microsoft.Playwright;

using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Page;

/// <summary>
/// A headless Chromium-family browser already on the machine (<see cref="BrowserExecutable"/>) driven by Playwright's
/// bundled Node driver; nothing is downloaded.
/// </summary>
public class Browser : IAsyncLifetime
{
    // Without these, Chromium tries to reach Google's services at start, which this machine's closed network refuses.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Browser() : this(null)
    {
    }

    /// <param name="settings">Configuration for the app under test, over appsettings.json.</param>
    protected Browser(IReadOnlyDictionary<string, string>? settings) =>
        Server = new ThumbApiApplication([.. (settings ?? new Dictionary<string, string>()).Select(s => (s.Key, s.Value))]);

    public ThumbApiApplication Server { get; }

    public async Task InitializeAsync()
    {
        var executable = BrowserExecutable.Path;
        // The driver (Node, shipped in the NuGet package) never downloads a browser when launching one; this makes sure.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
        });
    }

    /// <summary>A fresh page (own cookies and cache) on the app, and the problems its scripts run into.</summary>
    public async Task<(IPage Page, ScriptProblems Problems)> OpenAsync(string path = "/", int width = 1024, int height = 800)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.StartKestrel().ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var problems = new ScriptProblems();
        page.PageError += (_, error) => problems.Add($"uncaught: {error}");
        page.Console += (_, message) =>
        {
            // Chromium reports CSP violations as console errors; HTTP errors the page expects (a 400) are logged there too.
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                problems.Add($"CSP: {message.Text}");
        };
        await page.GotoAsync(path);
        return (page, problems);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Uncaught script errors and Content-Security-Policy violations of one page.</summary>
public sealed class ScriptProblems : ConcurrentQueue<string>
{
    public void Add(string problem) => Enqueue(problem);
}
