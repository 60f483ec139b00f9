namespace ThumbApi.Bench;

/// <summary>One line of output; bench/sharp/bench.js prints the same shape.</summary>
internal sealed record BenchResult(string File, string Engine, string Preset, double MedianMs, double P90Ms, double FirstMs, double MedianCpuMs, double PeakRssMb);
