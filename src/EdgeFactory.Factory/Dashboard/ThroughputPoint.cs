namespace EdgeFactory.Factory.Dashboard;

/// <summary>Tasks per robot-hour of one model version in one time bucket.</summary>
/// <param name="At">End of the bucket.</param>
/// <param name="ModelVersion"><c>model@version</c>.</param>
/// <param name="TasksPerHour">Completed tasks per robot-hour in the bucket.</param>
public sealed record ThroughputPoint(DateTimeOffset At, string ModelVersion, double TasksPerHour);
