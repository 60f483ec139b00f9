using System.Diagnostics;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Lambda;

namespace ThumbApi.Tests.Deploy;

/// <summary>
/// <c>build/smoke.sh</c>, the check the deploy workflow ends with, run against the real executable with the embedded
/// store: it must pass where everything works and fail wherever a step does.
/// </summary>
public sealed class SmokeScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("thumbapi-smoke-").FullName;

    [Fact]
    public async Task PassesAgainstTheEmbeddedDefaultAndReportsEveryStepWithItsTime()
    {
        using var app = await StartAppAsync();

        var (exitCode, output) = await RunSmokeAsync(app.Address.ToString());

        Assert.True(exitCode == 0, $"smoke.sh failed against the embedded default:\n{output}");
        Assert.Contains("POST the photo", output);
        Assert.Contains("ok in", output);
        Assert.Contains("ready", output);
        Assert.Contains("80×80 PNG", output);
        // And it cleans up after itself: deleted with its token, the stored thumbnail gone with the cascade.
        Assert.Contains("deleted; the status is 404", output);
        Assert.Matches("its URL answers HTTP (403|404)", output);
        Assert.Matches(@"smoke: passed in \d+ ms", output);
    }

    [Fact]
    public async Task FailsAgainstADeadUrl()
    {
        var (exitCode, output) = await RunSmokeAsync($"http://127.0.0.1:{AppProcess.FreePort()}");

        Assert.True(exitCode != 0, $"smoke.sh passed against a URL nothing listens on:\n{output}");
        Assert.Contains("FAILED", output);
    }

    [Fact]
    public async Task SendsTheKeyItIsGivenAndFailsWithoutOneWhenUploadsAreClosed()
    {
        using var app = await StartAppAsync(new() { ["Auth__ApiKeys__0"] = "smoke-test-key" });

        var (withoutKey, refused) = await RunSmokeAsync(app.Address.ToString());
        var (withKey, accepted) = await RunSmokeAsync(app.Address.ToString(), "smoke-test-key");

        Assert.True(withoutKey != 0, $"smoke.sh passed without the key uploads need:\n{refused}");
        Assert.Contains("expected HTTP 201, got 401", refused);
        Assert.True(withKey == 0, $"smoke.sh failed with a valid key:\n{accepted}");
    }

    [Fact]
    public async Task FailsWhenTheSmallThumbnailIsNot80By80()
    {
        using var app = await StartAppAsync(new() { ["Thumbnails__Presets__small__Width"] = "96", ["Thumbnails__Presets__small__Height"] = "96" });

        var (exitCode, output) = await RunSmokeAsync(app.Address.ToString());

        Assert.True(exitCode != 0, $"smoke.sh accepted a 96×96 thumbnail:\n{output}");
        Assert.Contains("is 96×96, expected 80×80", output);
    }

    [Fact]
    public async Task FailsWhenTheImageNeverBecomesReady()
    {
        // A source limit below the photo's pixel count: the image fails instead of becoming ready.
        using var app = await StartAppAsync(new() { ["Thumbnails__MaxSourcePixels"] = "1000" });

        var (exitCode, output) = await RunSmokeAsync(app.Address.ToString());

        Assert.True(exitCode != 0, $"smoke.sh passed although the image failed:\n{output}");
        Assert.Contains("the image is failed", output);
    }

    private Task<AppProcess> StartAppAsync(Dictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string> { ["Storage__LocalRoot"] = _root };
        foreach (var (name, value) in environment ?? []) variables[name] = value;
        return AppProcess.StartAsync(AppProcess.FreePort(), variables);
    }

    private static async Task<(int ExitCode, string Output)> RunSmokeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "build", "smoke.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SMOKE_READY_SECONDS"] = "60";
        using var smoke = Process.Start(start)!;
        var output = smoke.StandardOutput.ReadToEndAsync();
        var errors = smoke.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await smoke.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            smoke.Kill(entireProcessTree: true);
            Assert.Fail($"smoke.sh {string.Join(' ', arguments)} did not finish within 2 minutes:\n{await output}\n{await errors}");
        }
        return (smoke.ExitCode, $"{await output}{await errors}");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
