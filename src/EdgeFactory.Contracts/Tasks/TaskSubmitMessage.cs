using System.Text.Json;

namespace EdgeFactory.Contracts.Tasks;

/// <summary>A task an MES submits to a site on <c>ef/v1/{site}/mes/tasks</c>.</summary>
/// <param name="TaskId">MES-chosen identifier, unique per site; resubmitting the same id is idempotent.</param>
/// <param name="TaskType">Task type as defined in the robot's task file, e.g. <c>pick_place</c>.</param>
/// <param name="RobotId">Robot to run the task on; when absent, any idle robot that can do the task type.</param>
/// <param name="Priority">0 (lowest) to 9 (highest); higher runs first.</param>
/// <param name="Deadline">Latest start time; a task not started by then fails with <c>deadline_expired</c>.</param>
/// <param name="Parameters">Typed parameters of the task type, checked against its declared ranges.</param>
public sealed record TaskSubmitMessage(
    string TaskId,
    string TaskType,
    string? RobotId = null,
    int Priority = TaskSubmitMessage.DefaultPriority,
    DateTimeOffset? Deadline = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null)
{
    /// <summary>Priority used when the MES sends none.</summary>
    public const int DefaultPriority = 5;
}
