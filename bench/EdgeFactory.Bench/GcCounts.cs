using System.Globalization;

namespace EdgeFactory.Bench;

/// <summary>Collections per generation and bytes allocated by this process, to print what a phase of a bench cost the GC.</summary>
internal readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, long AllocatedBytes)
{
    public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());

    public static GcCounts operator -(GcCounts after, GcCounts before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.AllocatedBytes - before.AllocatedBytes);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"GC {Gen0}/{Gen1}/{Gen2} (gen 0/1/2), {AllocatedBytes / 1e6:0} MB allocated");
}
