using ThumbApi.Images;
using ThumbApi.Thumbnails;

namespace ThumbApi.Bench;

/// <summary><c>--engine NetVips|ImageSharp --preset small|all --iterations 30 FILE…</c></summary>
internal sealed record BenchArguments(ThumbnailEngineKind Engine, string Preset, int Iterations, IReadOnlyList<string> Files)
{
    public const string AllPresets = "all";

    public static BenchArguments Parse(string[] args)
    {
        var engine = ThumbnailEngineKind.NetVips;
        var preset = PresetOptions.DefaultPreset;
        var iterations = 30;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--engine": engine = Enum.Parse<ThumbnailEngineKind>(Value(args, ++i), ignoreCase: true); break;
                case "--preset": preset = Value(args, ++i); break;
                case "--iterations": iterations = int.Parse(Value(args, ++i)); break;
                default: files.Add(args[i]); break;
            }
        }
        if (files.Count == 0 || iterations < 1)
            throw new ArgumentException("usage: --engine NetVips|ImageSharp --preset small|all --iterations 30 FILE…");
        return new(engine, preset, iterations, files);
    }

    private static string Value(string[] args, int i) =>
        i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
