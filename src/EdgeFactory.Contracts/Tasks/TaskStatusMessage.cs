using System.Text.Json;

namespace EdgeFactory.Contracts.Tasks;

/// <summary>One status event of a task, published on <c>ef/v1/{site}/tasks/{taskId}/status</c>.</summary>
/// <param name="TaskId">The task this event is about.</param>
/// <param name="State">The state entered.</param>
/// <param name="Sequence">Per-task counter starting at 1; lets an MES drop duplicates and spot gaps.</param>
/// <param name="At">When the edge recorded the event.</param>
/// <param name="RobotId">The robot the task is assigned to, once it is.</param>
/// <param name="Step">The step entered, for <see cref="TaskState.Step"/>.</param>
/// <param name="Result">Outcome values, for <see cref="TaskState.Completed"/>.</param>
/// <param name="Error">Reason, for <see cref="TaskState.Rejected"/> and <see cref="TaskState.Failed"/>.</param>
public sealed record TaskStatusMessage(
    string TaskId,
    TaskState State,
    long Sequence,
    DateTimeOffset At,
    string? RobotId = null,
    TaskStepInfo? Step = null,
    IReadOnlyDictionary<string, JsonElement>? Result = null,
    TaskError? Error = null);
