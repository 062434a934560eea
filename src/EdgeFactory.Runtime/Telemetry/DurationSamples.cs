using EdgeFactory.Contracts.Telemetry;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>
/// Durations of one window in a fixed buffer: every sample while it fits, a uniform reservoir of them beyond; the
/// largest is always exact. Adding never allocates; the buffer is reused window after window.
/// </summary>
internal sealed class DurationSamples
{
    private readonly double[] _samples;
    private long _count;
    private double _max;
    private ulong _random = 0x9E3779B97F4A7C15UL;

    public DurationSamples(int capacity) => _samples = new double[capacity];

    /// <summary>Samples added since the last <see cref="Reset"/>.</summary>
    public long Count => _count;

    /// <summary>Adds one duration in milliseconds.</summary>
    public void Add(double milliseconds)
    {
        _max = _count == 0 ? milliseconds : Math.Max(_max, milliseconds);
        _count++;
        if (_count <= _samples.Length)
        {
            _samples[_count - 1] = milliseconds;
            return;
        }

        // Reservoir sampling (algorithm R) with a xorshift generator: each sample is kept with probability capacity/count.
        _random ^= _random << 13;
        _random ^= _random >> 7;
        _random ^= _random << 17;
        var slot = (long)(_random % (ulong)_count);
        if (slot < _samples.Length)
        {
            _samples[slot] = milliseconds;
        }
    }

    /// <summary>The percentiles of the samples (nearest rank), or null when there are none; sorts the buffer.</summary>
    public LatencySummary? Summarize()
    {
        if (_count == 0)
        {
            return null;
        }

        var kept = _samples.AsSpan(0, (int)Math.Min(_count, _samples.Length));
        kept.Sort();
        return new LatencySummary(_count, Rank(kept, 0.50), Rank(kept, 0.95), Rank(kept, 0.99), _max);
    }

    /// <summary>Empties the buffer for the next window.</summary>
    public void Reset()
    {
        _count = 0;
        _max = 0;
    }

    private static double Rank(ReadOnlySpan<double> sorted, double quantile) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}
