using System.Diagnostics;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Page;

/// <summary>
/// The browser the page tests drive, found by <c>build/find-browser.sh</c> (<c>THUMBAPI_CHROMIUM</c>, Debian's
/// Chromium, or Google Chrome/Chromium on PATH), the same script the install step asks, so the two never disagree.
/// </summary>
public static class BrowserExecutable
{
    private static readonly Lazy<string> Found = new(Find);

    /// <summary>The browser's path; a missing browser is a failure naming what to install, not a skip.</summary>
    public static string Path => Found.Value;

    private static string Find()
    {
        var script = System.IO.Path.Combine(RepositoryPaths.Root, "build", "find-browser.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{script} did not finish within 30 s.");
        }
        return process.ExitCode == 0 && output.Length > 0
            ? output
            : throw new InvalidOperationException($"{error.Result.Trim()} (build/install-test-tools.sh installs one)");
    }
}
