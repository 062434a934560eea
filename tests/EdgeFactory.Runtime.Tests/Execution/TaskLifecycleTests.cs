using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Execution;

namespace EdgeFactory.Runtime.Tests.Execution;

public sealed class TaskLifecycleTests
{
    [Theory]
    [InlineData(TaskState.Accepted, TaskState.Queued)]
    [InlineData(TaskState.Queued, TaskState.Queued)]
    [InlineData(TaskState.Queued, TaskState.Started)]
    [InlineData(TaskState.Started, TaskState.Step)]
    [InlineData(TaskState.Step, TaskState.Step)]
    [InlineData(TaskState.Step, TaskState.Started)]
    [InlineData(TaskState.Step, TaskState.Completed)]
    [InlineData(TaskState.Queued, TaskState.Cancelled)]
    public void Allows_TheLifecycleAsRun_Holds(TaskState from, TaskState to) => Assert.True(TaskLifecycle.Allows(from, to));

    [Theory]
    [InlineData(TaskState.Completed, TaskState.Failed)]
    [InlineData(TaskState.Cancelled, TaskState.Cancelled)]
    [InlineData(TaskState.Failed, TaskState.Started)]
    [InlineData(TaskState.Accepted, TaskState.Step)]
    [InlineData(TaskState.Queued, TaskState.Completed)]
    [InlineData(TaskState.Started, TaskState.Accepted)]
    [InlineData(TaskState.Queued, TaskState.Rejected)]
    public void Allows_AnIllegalTransition_IsRefused(TaskState from, TaskState to) => Assert.False(TaskLifecycle.Allows(from, to));
}
