namespace EdgeFactory.Runtime.Throughput;

/// <summary>One ended task as <see cref="TasksPerHour"/> counts it: <see cref="System.Diagnostics.Stopwatch"/> timestamps of its acceptance and its final status, and whether it completed.</summary>
/// <param name="AcceptedAt">Timestamp of the acceptance.</param>
/// <param name="FinishedAt">Timestamp of the final status.</param>
/// <param name="Completed">Whether the final status was <c>completed</c>.</param>
public readonly record struct TaskSpan(long AcceptedAt, long FinishedAt, bool Completed);
