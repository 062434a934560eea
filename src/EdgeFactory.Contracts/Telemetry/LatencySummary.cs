namespace EdgeFactory.Contracts.Telemetry;

/// <summary>Percentiles of a duration over a telemetry window, in milliseconds.</summary>
/// <param name="Count">Samples the percentiles were taken over.</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest sample.</param>
public sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max);
