using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>What the ingest did: windows stored, and refusals by code (<see cref="TelemetryRefusals"/>). Also exported as metrics.</summary>
public sealed class TelemetryIngestCounters
{
    private static readonly Meter Meter = new("EdgeFactory.Factory");
    private static readonly Counter<long> StoredWindows = Meter.CreateCounter<long>("edgefactory.telemetry.stored", description: "Telemetry windows stored");
    private static readonly Counter<long> RefusedWindows = Meter.CreateCounter<long>("edgefactory.telemetry.refused", description: "Telemetry messages not stored, by code");
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private long _stored;

    /// <summary>Windows stored by this instance.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Messages not stored, by code.</summary>
    public IReadOnlyDictionary<string, long> Refused => _refused;

    /// <summary>Refusals of one code.</summary>
    public long RefusedWith(string code) => _refused.GetValueOrDefault(code);

    internal void CountStored()
    {
        Interlocked.Increment(ref _stored);
        StoredWindows.Add(1);
    }

    internal void CountRefused(string code)
    {
        _refused.AddOrUpdate(code, 1, (_, n) => n + 1);
        RefusedWindows.Add(1, new KeyValuePair<string, object?>("code", code));
    }
}
