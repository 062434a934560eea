namespace EdgeFactory.Contracts.Telemetry;

/// <summary>Percentiles of a duration over a telemetry window, in milliseconds.</summary>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest sample.</param>
public sealed record LatencySummary(double P50, double P99, double Max);
