namespace EdgeFactory.Contracts.Telemetry;

/// <summary>What one robot did in a telemetry window while it ran one model version; how rollouts are judged.</summary>
/// <param name="RobotId">Robot.</param>
/// <param name="ModelVersion">Policy version the robot ran (<c>name@version</c>), or <c>none</c> for robots without a policy.</param>
/// <param name="TasksCompleted">Tasks that ended <c>completed</c> in the window.</param>
/// <param name="TasksFailed">Tasks that ended <c>failed</c> in the window.</param>
/// <param name="TasksPerHour">Tasks per hour by the runtime's one definition, over the tasks that ended in the window.</param>
/// <param name="SafetyClamps">Commands the safety envelope clamped or held in the window.</param>
/// <param name="CycleTimeMs">Start to completion of the tasks completed in the window.</param>
/// <param name="AcceptLatencyMs">Arrival of a submission at the edge to its acceptance being durable (what an MES sees as publish→accepted, less the broker hop).</param>
/// <param name="EnergyWh">Energy the robot drew in the window, when it is measured.</param>
/// <param name="TasksPerKwh">Completed tasks per kWh, when energy is measured and not zero.</param>
public sealed record RobotWindow(
    string RobotId,
    string ModelVersion,
    long TasksCompleted,
    long TasksFailed,
    double TasksPerHour,
    long SafetyClamps,
    LatencySummary? CycleTimeMs = null,
    LatencySummary? AcceptLatencyMs = null,
    double? EnergyWh = null,
    double? TasksPerKwh = null);
