namespace EdgeFactory.Contracts.Devices;

/// <summary>What a device actually runs, retained on <c>ef/v1/{site}/edges/{deviceId}/reported</c>.</summary>
/// <param name="DeviceId">Reporting device.</param>
/// <param name="AppliedRevision">Last desired revision applied in full.</param>
/// <param name="Models">Running models.</param>
/// <param name="Healthy">Whether every agent and model slot is healthy.</param>
/// <param name="At">When the report was made.</param>
/// <param name="Problems">Why the device is unhealthy or a revision was refused.</param>
public sealed record ReportedStateMessage(
    string DeviceId,
    long AppliedRevision,
    IReadOnlyList<RunningModel> Models,
    bool Healthy,
    DateTimeOffset At,
    IReadOnlyList<string>? Problems = null);
