namespace EdgeFactory.Contracts.Robots;

/// <summary>A robot's current state, retained on <c>ef/v1/{site}/robots/{robotId}/state</c>.</summary>
/// <param name="RobotId">Robot id from the site file.</param>
/// <param name="Kind">Robot family: the name of its kind file under <c>robots/kinds/</c>, e.g. <c>humanoid</c>.</param>
/// <param name="Mode">What it is doing.</param>
/// <param name="At">When the state was recorded.</param>
/// <param name="CurrentTaskId">The task it runs, when busy.</param>
/// <param name="Faults">Active faults; empty when healthy.</param>
public sealed record RobotStateMessage(
    string RobotId,
    string Kind,
    RobotMode Mode,
    DateTimeOffset At,
    string? CurrentTaskId = null,
    IReadOnlyList<RobotFault>? Faults = null);
