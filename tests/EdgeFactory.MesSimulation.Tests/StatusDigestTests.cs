using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.MesSimulation.Tests;

public sealed class StatusDigestTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<TaskStatusMessage> Statuses() => new()
    {
        new TaskStatusMessage("t1", TaskState.Accepted, 1, At),
        new TaskStatusMessage("t1", TaskState.Step, 4, At, "cell-1", new TaskStepInfo("grasp", 1, 3)),
        new TaskStatusMessage("t1", TaskState.Completed, 7, At, "cell-1", Result: JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"placed":true,"bins":[1,2],"meta":{"x":1}}""")),
        new TaskStatusMessage("t1", TaskState.Failed, 6, At, "cell-1", Error: new TaskError(TaskErrorCodes.StepTimeout, "too slow")),
        new TaskStatusMessage("unidentified", TaskState.Rejected, 0, At, Error: new TaskError(TaskErrorCodes.InvalidJson, "not JSON")),
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void TryRead_SerializedStatus_ReadsTheTalliedFields(TaskStatusMessage status)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(status, ContractsJsonContext.Default.TaskStatusMessage);

        Assert.True(StatusDigest.TryRead(json, out var digest));

        Assert.Equal(new StatusDigest(status.TaskId, status.State, status.Sequence, status.RobotId, status.Error?.Code), digest);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"taskId":"t1","state":"exploded","sequence":1}""")]
    [InlineData("""{"taskId":"t1","state":"queued"}""")]
    public void TryRead_NotAStatus_ReturnsFalse(string json)
    {
        Assert.False(StatusDigest.TryRead(System.Text.Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void Observe_SameSequenceTwice_CountsARedeliveryNotASecondFinal()
    {
        var task = new TrackedTask("t1", 0);
        var done = new StatusDigest("t1", TaskState.Completed, 7, "r1", null);

        Assert.True(task.Observe(done, 1));
        Assert.False(task.Observe(done, 2));
        Assert.True(task.Observe(done with { Sequence = 70 }, 3));

        Assert.Equal((1, 2, TaskState.Completed), (task.Redelivered, task.Finals, task.Final));
    }
}
