// Times one engine over files, one JSON line per file (see docs/performance.md).
// Single-threaded on purpose: DOTNET_PROCESSOR_COUNT=1 (launchSettings.json) keeps ImageSharp on one core,
// NetVips.Concurrency = 1 does the same for libvips, so the numbers compare per core, as Lambda bills.
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ThumbApi.Bench;
using ThumbApi.Images;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Engines;

var arguments = BenchArguments.Parse(args);
var options = new ThumbnailOptions();
var configured = new PresetOptions();
var thumbnails = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build()
    .GetSection(ThumbnailOptions.Section);
thumbnails.Bind(options);
thumbnails.Bind(configured);
options.Engine = arguments.Engine;
// "all" is the whole job the service does per image: every configured preset from one Render call.
IReadOnlyList<(string Name, ThumbnailPreset Preset)> presets = arguments.Preset == BenchArguments.AllPresets
    ? configured.PresetList
    : configured.Presets.TryGetValue(arguments.Preset, out var preset)
        ? [(arguments.Preset, preset)]
        : throw new ArgumentException($"No preset '{arguments.Preset}' in appsettings.json.");

NetVips.NetVips.Concurrency = 1;
IThumbnailEngine engine = arguments.Engine == ThumbnailEngineKind.ImageSharp
    ? new ImageSharpThumbnailEngine(Options.Create(options))
    : new NetVipsThumbnailEngine(Options.Create(options));
Console.Error.WriteLine($"engine={arguments.Engine} processors={Environment.ProcessorCount} vips-concurrency={NetVips.NetVips.Concurrency}");

var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
foreach (var file in arguments.Files)
{
    var source = File.ReadAllBytes(file);
    PeakMemory.Reset();

    var first = Time(() => engine.Render(source, presets)).WallMs;
    var samples = Enumerable.Range(0, arguments.Iterations).Select(_ => Time(() => engine.Render(source, presets))).ToArray();
    var times = samples.Select(s => s.WallMs).Order().ToArray();
    var cpuTimes = samples.Select(s => s.CpuMs).Order().ToArray();

    var result = new BenchResult(Path.GetFileName(file), arguments.Engine.ToString(), arguments.Preset,
        MedianMs: Math.Round(Percentile(times, 0.5), 1),
        P90Ms: Math.Round(Percentile(times, 0.9), 1),
        FirstMs: Math.Round(first, 1),
        MedianCpuMs: Math.Round(Percentile(cpuTimes, 0.5), 1),
        PeakRssMb: Math.Round(PeakMemory.HighWaterMegabytes(), 1));
    Console.WriteLine(JsonSerializer.Serialize(result, json));
}

// CPU time of the whole process as well as wall time: on a busy shared machine the wall clock also counts the
// time other processes held the core, while CPU time stays what one image costs.
static (double WallMs, double CpuMs) Time(Action action)
{
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var started = Stopwatch.GetTimestamp();
    action();
    var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    process.Refresh();
    return (wall, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
}

// Nearest rank, as bench/sharp/bench.js computes it.
static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
