namespace EdgeFactory.Inference.Benchmarking;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
/// <param name="Count">Samples.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MeanMs">Mean.</param>
/// <param name="MaxMs">Largest.</param>
public sealed record LatencySample(int Count, double P50Ms, double P99Ms, double MeanMs, double MaxMs)
{
    /// <summary>Summarises <paramref name="milliseconds"/> (sorted in place).</summary>
    public static LatencySample Of(double[] milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Length == 0)
        {
            return new LatencySample(0, 0, 0, 0, 0);
        }

        Array.Sort(milliseconds);
        return new LatencySample(milliseconds.Length, Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99), milliseconds.Average(), milliseconds[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
