namespace EdgeFactory.Contracts.Tasks;

/// <summary>A request to cancel a task, sent on <c>ef/v1/{site}/mes/tasks/{taskId}/cancel</c>.</summary>
/// <param name="TaskId">The task to cancel; must equal the id in the topic.</param>
/// <param name="Reason">Free text kept in the journal and echoed in the <c>cancelled</c> status.</param>
public sealed record TaskCancelMessage(string TaskId, string? Reason = null);
