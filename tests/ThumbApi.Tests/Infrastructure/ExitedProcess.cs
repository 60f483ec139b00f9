using System.Diagnostics;

namespace ThumbApi.Tests.Infrastructure;

/// <summary>The built executable run until it exits by itself, for what it prints when it cannot start.</summary>
public sealed record ExitedProcess(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<ExitedProcess> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ThumbApi"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ThumbApi {string.Join(' ', arguments)} was expected to stop by itself within 30 s; it kept running.");
        }
        return new ExitedProcess(process.ExitCode, await output, await error);
    }
}
