namespace EdgeFactory.Contracts.Telemetry;

/// <summary>Aggregates for one window, sent on <c>ef/v1/{site}/edges/{deviceId}/telemetry</c>; only aggregates leave the site.</summary>
/// <param name="DeviceId">Reporting device.</param>
/// <param name="WindowStart">Inclusive start.</param>
/// <param name="WindowEnd">Exclusive end.</param>
/// <param name="TasksCompleted">Tasks completed in the window.</param>
/// <param name="TasksFailed">Tasks failed in the window.</param>
/// <param name="TasksPerHour">Completed tasks scaled to an hour.</param>
/// <param name="CycleTimeMs">Start-to-completion time of completed tasks.</param>
/// <param name="InferenceLatencyMs">Model run latency.</param>
/// <param name="EnergyWh">Energy drawn in the window, when the device can measure it.</param>
/// <param name="TasksPerKwh">Completed tasks per kWh, when energy is known.</param>
/// <param name="ByModelVersion">Throughput per model version.</param>
public sealed record TelemetryWindowMessage(
    string DeviceId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long TasksCompleted,
    long TasksFailed,
    double TasksPerHour,
    LatencySummary CycleTimeMs,
    LatencySummary? InferenceLatencyMs = null,
    double? EnergyWh = null,
    double? TasksPerKwh = null,
    IReadOnlyList<ModelVersionThroughput>? ByModelVersion = null);
