namespace ThumbApi.Bench;

/// <summary>The process's peak resident set (VmHWM), reset between files so each file reports its own peak.</summary>
internal static class PeakMemory
{
    // Writing 5 to clear_refs resets the high-water mark to the current RSS (Linux 4.0+).
    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static double HighWaterMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
        return kilobytes / 1024.0;
    }
}
