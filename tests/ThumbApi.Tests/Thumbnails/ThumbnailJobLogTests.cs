using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThumbApi.Images;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Thumbnails;

/// <summary>The one line per job that a cost model reads: duration, source bytes and pixels, outcome.</summary>
public sealed class ThumbnailJobLogTests : IAsyncLifetime
{
    private readonly ThumbApiApplication _app = new();
    private readonly CapturedLogs _logs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_generated_job_logs_its_duration_source_bytes_pixels_and_outcome()
    {
        var path = Path.Combine(_app.LocalRoot, "images", "cups.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), path);
        await using var app = _app.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(_logs)));

        await app.Services.GetRequiredService<ThumbnailGenerator>().GenerateAsync(ImageName.Parse("cups.jpg"), version: null, CancellationToken.None);

        var line = Assert.Single(_logs.Of<ThumbnailGenerator>(), fields => fields.ContainsKey("SourcePixels"));
        Assert.Equal(ThumbnailOutcome.Generated, line["Outcome"]);
        Assert.Equal("images/cups.jpg", line["Key"]);
        Assert.Equal(new FileInfo(path).Length, line["SourceBytes"]);
        Assert.Equal((2560, 1600, 1, 2560L * 1600), (line["SourceWidth"], line["SourceHeight"], line["Frames"], line["SourcePixels"]));
        Assert.InRange((double)line["ElapsedMs"]!, 0.001, 60_000);
    }

    /// <summary>The structured fields of every line written, by category.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, Dictionary<string, object?> Fields)> _lines = new();

        public IEnumerable<Dictionary<string, object?>> Of<T>() =>
            _lines.Where(l => l.Category == typeof(T).FullName).Select(l => l.Fields);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(string, Dictionary<string, object?>)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (state is IEnumerable<KeyValuePair<string, object?>> fields)
                    lines.Enqueue((category, fields.ToDictionary(f => f.Key, f => f.Value)));
            }
        }
    }
}
