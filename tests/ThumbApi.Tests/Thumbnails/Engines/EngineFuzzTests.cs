using System.Buffers.Binary;
using System.Diagnostics;
using NetVips;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Engines;
using Xunit.Abstractions;
using static ThumbApi.Tests.Thumbnails.Engines.TestImages;

namespace ThumbApi.Tests.Thumbnails.Engines;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    /// <summary>Tests that read the process's peak memory run with nothing else beside them.</summary>
    public const string Name = "Alone in the process";
}

/// <summary>
/// Mutated images through both engines: bit flips, cuts, and the header's sides set to extremes. Each case either
/// renders or is refused as unprocessable, never anything else, within a deadline, and the process stays within
/// bounded memory. Deterministic (a fixed seed per case); THUMBAPI_FUZZ_CASES raises the number of cases.
/// </summary>
[Collection(AloneInTheProcess.Name)]
public sealed class EngineFuzzTests(ITestOutputHelper output)
{
    private const int DefaultCases = 1500;
    private static readonly TimeSpan CaseDeadline = TimeSpan.FromSeconds(15);
    // Growth of the process's peak over its resident memory at the start: the budget (256 MiB), libvips' and
    // ImageSharp's pools, and what the native allocator keeps between cases (most of it: about 750 MiB measured);
    // a header that made a decoder allocate what it claims (up to 2^31 × 2^31 pixels) is gigabytes.
    private const double PeakGrowthBoundMegabytes = 1024;

    private static readonly uint[] ExtremeSides = [0, 1, 2, 255, 256, 65_535, 65_536, 1 << 20, int.MaxValue, uint.MaxValue];

    [Fact]
    public async Task Mutated_images_render_or_are_refused_as_unprocessable_never_hang_and_stay_in_bounded_memory()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("THUMBAPI_FUZZ_CASES"), out var n) ? n : DefaultCases;
        // To replay a reported case alone: THUMBAPI_FUZZ_FIRST=563 THUMBAPI_FUZZ_CASES=1.
        var first = int.TryParse(Environment.GetEnvironmentVariable("THUMBAPI_FUZZ_FIRST"), out var f) ? f : 0;
        var seeds = Seeds();
        var engines = Enum.GetValues<ThumbnailEngineKind>().Select(kind => (kind, Engine: Engines.Create(kind))).ToList();
        (string, ThumbApi.Images.ThumbnailPreset)[] presets = [("small", Engines.Cover(80, 80)), ("medium", Engines.Contain(480, 480, ThumbApi.Images.ThumbnailFormat.Webp))];
        File.WriteAllText("/proc/self/clear_refs", "5"); // the peak restarts from the resident memory now
        var startRss = PeakRssMegabytes();

        var problems = new List<string>();
        var (rendered, refused) = (0, 0);
        var started = Stopwatch.StartNew();
        for (var i = first; i < first + cases && problems.Count < 10; i++)
        {
            var random = new Random(i);
            var (format, seed) = seeds[i % seeds.Length];
            var (mutation, bytes) = Mutate(format, seed, random);
            foreach (var (kind, engine) in engines)
            {
                try
                {
                    await Task.Run(() => engine.Render(bytes, presets)).WaitAsync(CaseDeadline);
                    rendered++;
                }
                catch (UnprocessableImageException)
                {
                    refused++;
                }
                catch (TimeoutException)
                {
                    var kept = Path.Combine(Path.GetTempPath(), $"thumbapi-fuzz-{i}.{format.ToString().ToLowerInvariant()}");
                    await File.WriteAllBytesAsync(kept, bytes);
                    problems.Add($"case {i} ({format}, {mutation}) {kind}: no answer within {CaseDeadline.TotalSeconds} s (its bytes: {kept})");
                }
                catch (Exception e)
                {
                    problems.Add($"case {i} ({format}, {mutation}) {kind}: {e.GetType().Name}: {e.Message} {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
                }
            }
        }

        var peak = PeakRssMegabytes();
        output.WriteLine($"{cases} cases × {engines.Count} engines in {started.Elapsed.TotalSeconds:F1} s: {rendered} rendered, {refused} refused; "
            + $"RSS {startRss:F0} MiB at the start, peak {peak:F0} MiB");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(peak - startRss < PeakGrowthBoundMegabytes,
            $"peak RSS grew by {peak - startRss:F0} MiB (from {startRss:F0} to {peak:F0}), more than {PeakGrowthBoundMegabytes} MiB");
    }

    private static (ImageFormat Format, byte[] Bytes)[] Seeds()
    {
        using var quadrants = Quadrants();
        using var small = quadrants.Resize(0.25);
        using var transparent = HalfTransparent();
        using var animation = Animation(32, 24);
        return
        [
            (ImageFormat.Jpeg, small.JpegsaveBuffer(q: 85)),
            (ImageFormat.Jpeg, small.JpegsaveBuffer(q: 85, interlace: true)),
            (ImageFormat.Png, transparent.PngsaveBuffer()),
            (ImageFormat.Png, small.PngsaveBuffer(interlace: true)),
            (ImageFormat.Gif, animation.GifsaveBuffer()),
            (ImageFormat.Webp, small.WebpsaveBuffer(q: 80)),
            (ImageFormat.Webp, transparent.WebpsaveBuffer(lossless: true)),
        ];
    }

    private static (string Mutation, byte[] Bytes) Mutate(ImageFormat format, byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        switch (random.Next(5))
        {
            case 0:
                var flips = random.Next(1, 9);
                for (var f = 0; f < flips; f++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ($"{flips} bit flips", bytes);
            case 1:
                var headerFlips = random.Next(1, 5);
                for (var f = 0; f < headerFlips; f++) bytes[random.Next(Math.Min(64, bytes.Length))] ^= (byte)(1 << random.Next(8));
                return ($"{headerFlips} bit flips in the first 64 bytes", bytes);
            case 2:
                var length = random.Next(bytes.Length);
                return ($"cut at {length}", bytes[..length]);
            default:
                var (width, height) = (Side(random), Side(random));
                var set = SetSides(format, bytes, width, height);
                if (random.Next(4) == 0 && set.Length > 1)
                {
                    var cut = random.Next(set.Length / 2, set.Length);
                    return ($"sides {width}×{height}, cut at {cut}", set[..cut]);
                }
                return ($"sides {width}×{height}", set);
        }
    }

    private static uint Side(Random random) =>
        random.Next(3) == 0 ? (uint)random.Next(1, 100_000) : ExtremeSides[random.Next(ExtremeSides.Length)];

    /// <summary>Writes the sides into the fields each format's header keeps them in, as far as the field is wide.</summary>
    private static byte[] SetSides(ImageFormat format, byte[] bytes, uint width, uint height)
    {
        switch (format)
        {
            case ImageFormat.Png:
                // IHDR's data starts at 16; its CRC is recomputed, or the decoder would refuse the chunk before reading it.
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), ZeroPng.Crc(bytes.AsSpan(12, 17)));
                break;
            case ImageFormat.Jpeg:
                for (var p = 2; p + 9 < bytes.Length; p++)
                    if (bytes[p] == 0xFF && bytes[p + 1] is 0xC0 or 0xC1 or 0xC2)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(p + 5), (ushort)height);
                        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(p + 7), (ushort)width);
                        break;
                    }
                break;
            case ImageFormat.Gif:
                // The logical screen, then the first image descriptor.
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)width);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)height);
                var descriptor = Array.IndexOf(bytes, (byte)0x2C, 13);
                if (descriptor > 0 && descriptor + 9 < bytes.Length)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(descriptor + 5), (ushort)width);
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(descriptor + 7), (ushort)height);
                }
                break;
            case ImageFormat.Webp:
                // Lossy VP8: 14-bit sides after the start code; lossless VP8L: 14-bit sides − 1 packed after its signature byte.
                var chunk = System.Text.Encoding.ASCII.GetString(bytes, 12, 4);
                if (chunk == "VP8 ")
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(26), (ushort)(width & 0x3FFF));
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), (ushort)(height & 0x3FFF));
                }
                else if (chunk == "VP8L")
                {
                    var packed = (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(21)) & 0xF000_0000)
                        | ((height - 1) & 0x3FFF) << 14 | ((width - 1) & 0x3FFF);
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(21), packed);
                }
                break;
        }
        return bytes;
    }

    private static double PeakRssMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
