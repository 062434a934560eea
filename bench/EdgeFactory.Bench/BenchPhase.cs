using System.Globalization;

namespace EdgeFactory.Bench;

/// <summary>One measured phase of a bench round: its rate, per message the CPU each process used and the bytes this process allocated, and the time this process spent paused for the GC and compiling.</summary>
internal sealed record BenchPhase(double Rate, double OwnMicros, double BrokerMicros, double DatabaseMicros, double AllocatedBytes, double GcPauseMs = 0, double JitMs = 0)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Rate:0}/s; CPU per window: this process {OwnMicros:0} us, broker {BrokerMicros:0} us, PostgreSQL {DatabaseMicros:0} us; allocated {AllocatedBytes:0} B per window; GC pauses {GcPauseMs:0} ms; JIT {JitMs:0} ms");
}
