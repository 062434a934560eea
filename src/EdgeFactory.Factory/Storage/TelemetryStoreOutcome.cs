namespace EdgeFactory.Factory.Storage;

/// <summary>What storing a telemetry window did.</summary>
public enum TelemetryStoreOutcome
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>That (site, device, sequence) was stored before: nothing changed.</summary>
    Duplicate,

    /// <summary>A summary whose sequences overlap windows stored before: refused, so no task is counted twice.</summary>
    Overlap,
}
