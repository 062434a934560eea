using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Throughput;

namespace EdgeFactory.MesSimulation;

/// <summary>Tracked tasks as the runtime's <see cref="TasksPerHour"/> counts them.</summary>
public static class TrackedTasks
{
    /// <summary>Tasks per hour of the tracked tasks that ended (rejections aside), optionally within <paramref name="window"/> and only <paramref name="which"/>.</summary>
    public static double TasksPerHour(IEnumerable<TrackedTask> tasks, TimeSpan? window = null, Func<TrackedTask, bool>? which = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return Runtime.Throughput.TasksPerHour.Of(
            tasks.Where(t => t.Final is not (null or TaskState.Rejected) && (which is null || which(t)))
                .Select(t => new TaskSpan(t.AnsweredAt, t.FinishedAt, t.Final == TaskState.Completed)),
            window);
    }
}
