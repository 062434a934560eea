using EdgeFactory.Contracts.Telemetry;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>What one closed window saw, before it gets its sequence number in the store.</summary>
/// <param name="Start">Inclusive start.</param>
/// <param name="End">Exclusive end.</param>
/// <param name="Robots">Per robot and model version, robots that did nothing left out.</param>
/// <param name="EmergencyStops">Times the e-stop latched.</param>
public sealed record ClosedWindow(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<RobotWindow> Robots, long EmergencyStops);
