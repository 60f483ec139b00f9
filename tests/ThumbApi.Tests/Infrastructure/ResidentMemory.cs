namespace ThumbApi.Tests.Infrastructure;

/// <summary>
/// This process's resident memory, from <c>/proc/self/status</c>: everything it touches, libvips' native buffers and
/// ImageSharp's unmanaged pools included. The peak can be reset (Linux 4.0+), so that one call's peak shows.
/// </summary>
public static class ResidentMemory
{
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static long PeakBytes() => Read("VmHWM:");

    public static long CurrentBytes() => Read("VmRSS:");

    private static long Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
    }
}

/// <summary>Tests that measure the whole process: xUnit runs them alone, after every parallel collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMeasurementCollection
{
    public const string Name = "Process-wide measurements";
}
