using System.Diagnostics;
using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.MesSimulation.Tests;

public sealed class TrackedTasksTests
{
    [Fact]
    public void TasksPerHour_CompletedOverAcceptanceToLastFinal_IgnoresOpenAndRejectedTasks()
    {
        var hour = Stopwatch.Frequency * 3600;
        var done = Tracked("a", TaskState.Completed, acceptedAt: 0, finishedAt: hour / 2);
        var late = Tracked("b", TaskState.Completed, acceptedAt: hour / 4, finishedAt: hour);
        var failed = Tracked("c", TaskState.Failed, acceptedAt: 0, finishedAt: hour / 3);
        var open = new TrackedTask("d", 0);
        open.Observe(new StatusDigest("d", TaskState.Accepted, 1, "r1", null), 0);
        var rejected = new TrackedTask("e", 0);
        rejected.Observe(new StatusDigest("e", TaskState.Rejected, 0, null, TaskErrorCodes.Overloaded), 4 * hour);

        var perHour = TrackedTasks.TasksPerHour([done, late, failed, open, rejected]);

        Assert.Equal(2, perHour, 6);
    }

    [Fact]
    public void TasksPerHour_OnlyTheChosenRobot_CountsItsTasksAlone()
    {
        var hour = Stopwatch.Frequency * 3600;
        var mine = Tracked("a", TaskState.Completed, acceptedAt: 0, finishedAt: hour);
        var theirs = Tracked("b", TaskState.Completed, acceptedAt: 0, finishedAt: hour / 10, robotId: "r2");

        Assert.Equal(1, TrackedTasks.TasksPerHour([mine, theirs], which: t => t.RobotId == "r1"), 6);
    }

    private static TrackedTask Tracked(string id, TaskState final, long acceptedAt, long finishedAt, string robotId = "r1")
    {
        var task = new TrackedTask(id, acceptedAt);
        task.Observe(new StatusDigest(id, TaskState.Accepted, 1, robotId, null), acceptedAt);
        task.Observe(new StatusDigest(id, final, 5, robotId, final == TaskState.Failed ? TaskErrorCodes.StepTimeout : null), finishedAt);
        return task;
    }
}
