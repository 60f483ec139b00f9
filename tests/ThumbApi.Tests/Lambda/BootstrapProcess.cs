using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Lambda;

/// <summary>The published <c>bootstrap</c> running as a child process, as Lambda starts it, with its stdout kept.</summary>
public sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private BootstrapProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Lines => _lines;

    public static BootstrapProcess Start(PublishedPackage package, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(package.Bootstrap)
        {
            WorkingDirectory = package.TaskRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new BootstrapProcess(Process.Start(start)!);
    }

    /// <summary>SIGSTOP, as Lambda freezes an environment between invocations: nothing in it runs until it is thawed or killed.</summary>
    public void Freeze()
    {
        if (kill(_process.Id, SigStop) != 0) throw new InvalidOperationException($"SIGSTOP to {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}.");
    }

    private const int SigStop = 19;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WithinAsync("the bootstrap to exit", timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        // Lambda ends an environment by killing it; the runtime must not rely on anything else.
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
