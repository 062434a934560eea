namespace EdgeFactory.Contracts.Telemetry;

/// <summary>Tasks completed in a window by tasks that used one model version; how rollouts are judged.</summary>
/// <param name="ModelId">Model id.</param>
/// <param name="Version">Model version.</param>
/// <param name="TasksCompleted">Completed tasks that used it.</param>
/// <param name="TasksPerHour">Completed tasks scaled to an hour.</param>
public sealed record ModelVersionThroughput(string ModelId, string Version, long TasksCompleted, double TasksPerHour);
