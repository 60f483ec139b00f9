using ThumbApi.Thumbnails;

namespace ThumbApi;

/// <summary>
/// What the same executable does instead of serving, named by its first argument: <c>regenerate</c> makes every
/// missing or outdated rendition of the configured store, with the service's own configuration (any further
/// <c>--Key value</c> arguments override it, as for the service).
/// </summary>
public static class ThumbApiCommands
{
    public const string Regenerate = "regenerate";

    public static bool IsCommand(string[] args) => args is [Regenerate, ..];

    /// <summary>Before the app is built: a command's output is its progress and summary, not the per-image log lines.</summary>
    public static void Prepare(WebApplicationBuilder builder, string[] args)
    {
        // Added after the configuration's rules, so it wins over their Default.
        if (IsCommand(args)) builder.Logging.AddFilter(level => level >= LogLevel.Warning);
    }

    /// <returns>The exit code: 0 when every image was handled, 1 when the store failed on some (running again retries them).</returns>
    public static async Task<int> RunAsync(WebApplication app)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var regeneration = app.Services.GetRequiredService<Regeneration>();
        var progress = new ProgressLine(Console.Error, await regeneration.CountAsync(stop.Token), interactive: !Console.IsErrorRedirected);
        var summary = await regeneration.RunAsync(progress.Show, stop.Token);
        progress.Finish(summary);
        Console.Out.WriteLine($"Regenerated {summary}.");
        return summary.Errors > 0 ? 1 : 0;
    }

    /// <summary>A bar redrawn in place on a terminal; a line every tenth of the way in a log.</summary>
    private sealed class ProgressLine(TextWriter output, int total, bool interactive)
    {
        private const int Width = 30;
        private readonly Lock _lock = new();
        private long _lastDrawn = long.MinValue;
        private int _lastTenth = -1;

        public void Show(RegenerationSummary summary)
        {
            lock (_lock)
            {
                var done = summary.Done;
                if (interactive)
                {
                    // At most ten redraws a second: a terminal write per image would cost more than small images do.
                    var now = Environment.TickCount64;
                    if (now - _lastDrawn < 100 && done < total) return;
                    _lastDrawn = now;
                    var filled = total == 0 ? Width : Math.Min(Width, done * Width / total);
                    output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}, {summary.Rendered} rendered");
                }
                else if (total > 0 && done * 10 / total is var tenth && tenth > _lastTenth)
                {
                    _lastTenth = tenth;
                    output.WriteLine($"{done}/{total} images, {summary.Rendered} rendered");
                }
            }
        }

        public void Finish(RegenerationSummary summary)
        {
            Show(summary);
            if (interactive) output.WriteLine();
        }
    }
}
