using System.Diagnostics;

namespace EdgeFactory.Runtime.Throughput;

/// <summary>
/// Tasks per hour, the product's headline figure, defined once (docs/runtime.md): completed tasks divided by the
/// hours between the first acceptance and the last final status among the tasks counted. Submitting fast does not
/// raise it; only finishing does. Live views use the same definition over a rolling window.
/// </summary>
public static class TasksPerHour
{
    /// <summary>Completed tasks over the span from the first acceptance to the last final status; 0 when the span is empty.</summary>
    public static double Of(int completed, TimeSpan firstAcceptedToLastFinal) =>
        completed <= 0 || firstAcceptedToLastFinal <= TimeSpan.Zero ? 0 : completed / firstAcceptedToLastFinal.TotalHours;

    /// <summary>The figure for ended tasks, optionally only those that ended within <paramref name="window"/> before now.</summary>
    public static double Of(IEnumerable<TaskSpan> tasks, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var now = Stopwatch.GetTimestamp();
        var from = window is { } w ? now - (long)(w.TotalSeconds * Stopwatch.Frequency) : long.MinValue;
        long first = long.MaxValue, last = long.MinValue;
        var completed = 0;
        foreach (var task in tasks)
        {
            if (task.FinishedAt < from)
            {
                continue;
            }

            first = Math.Min(first, Math.Max(task.AcceptedAt, from));
            last = Math.Max(last, task.FinishedAt);
            if (task.Completed)
            {
                completed++;
            }
        }

        return completed == 0 ? 0 : Of(completed, Stopwatch.GetElapsedTime(first, last));
    }
}
