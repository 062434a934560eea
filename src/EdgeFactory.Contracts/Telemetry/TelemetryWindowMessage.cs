namespace EdgeFactory.Contracts.Telemetry;

/// <summary>Aggregates of one window, sent on <c>ef/v1/{site}/edges/{deviceId}/telemetry</c>; only aggregates leave the site.</summary>
/// <param name="DeviceId">Reporting device.</param>
/// <param name="SiteId">Site the device runs.</param>
/// <param name="Sequence">Per-device window number, from 1, never reused; the factory stores each once.</param>
/// <param name="WindowStart">Inclusive start.</param>
/// <param name="WindowEnd">Exclusive end.</param>
/// <param name="Robots">Per robot and model version; robots that did nothing are left out.</param>
/// <param name="EmergencyStops">Times the site's e-stop latched in the window.</param>
/// <param name="Backlog">Windows stored on the device and not yet acknowledged by the broker when this one was made.</param>
/// <param name="Summary">Present when this message merges several windows (<see cref="WindowSummary"/>).</param>
public sealed record TelemetryWindowMessage(
    string DeviceId,
    string SiteId,
    long Sequence,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<RobotWindow> Robots,
    long EmergencyStops,
    long Backlog,
    WindowSummary? Summary = null);
