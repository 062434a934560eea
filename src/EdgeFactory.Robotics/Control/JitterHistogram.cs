namespace EdgeFactory.Robotics.Control;

/// <summary>Wake-up lateness in 1 µs buckets up to 20 ms (later ones share the last bucket), allocated once; percentiles by a scan.</summary>
public sealed class JitterHistogram
{
    /// <summary>Buckets, one per microsecond.</summary>
    public const int Buckets = 20_000;

    private readonly long[] _counts = new long[Buckets + 1];
    private long _max;
    private long _total;

    /// <summary>Samples recorded.</summary>
    public long Count => Volatile.Read(ref _total);

    /// <summary>Largest sample, microseconds.</summary>
    public long MaxMicroseconds => Volatile.Read(ref _max);

    /// <summary>Records one lateness in microseconds (negative counts as 0).</summary>
    public void Record(long microseconds)
    {
        var bucket = (int)Math.Clamp(microseconds, 0, Buckets);
        _counts[bucket]++;
        if (microseconds > _max)
        {
            Volatile.Write(ref _max, microseconds);
        }

        Volatile.Write(ref _total, _total + 1);
    }

    /// <summary>The smallest bucket below which <paramref name="percentile"/> percent of samples lie, microseconds.</summary>
    public long Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var wanted = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var bucket = 0; bucket <= Buckets; bucket++)
        {
            seen += Volatile.Read(ref _counts[bucket]);
            if (seen >= wanted)
            {
                return bucket;
            }
        }

        return Buckets;
    }

    /// <summary>Forgets every sample.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Volatile.Write(ref _max, 0);
        Volatile.Write(ref _total, 0);
    }
}
