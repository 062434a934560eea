namespace EdgeFactory.Factory.Dashboard;

/// <summary>What one model version did across the fleet over a span, from the telemetry windows stored.</summary>
/// <param name="ModelVersion"><c>model@version</c> as the robots report it.</param>
/// <param name="Completed">Tasks completed.</param>
/// <param name="Failed">Tasks failed.</param>
/// <param name="RobotHours">Hours of robot windows that ran the version.</param>
/// <param name="TasksPerHour">Completed tasks per robot-hour.</param>
/// <param name="EnergyWh">Energy drawn where measured.</param>
/// <param name="TasksPerKwh">Completed tasks per kWh, where energy was measured.</param>
/// <param name="SafetyClamps">Safety clamps.</param>
public sealed record VersionFigures(string ModelVersion, long Completed, long Failed, double RobotHours, double TasksPerHour, double EnergyWh, double? TasksPerKwh, long SafetyClamps);
