using System.Text.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.TaskTypes;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// What an accepted task asks for and which robot it is assigned to; immutable. The intake (or recovery) makes it;
/// moving the task to another robot makes a new one (<see cref="AssignedTo"/>). Where the task stands is not here but
/// in its <see cref="TaskProgress"/>, which only the task's current owner replaces.
/// </summary>
internal sealed class TaskTicket
{
    public TaskTicket(
        TaskSubmitMessage submit,
        TaskTypeDefinition type,
        IReadOnlyDictionary<string, JsonElement> parameters,
        byte[] contentHash,
        byte[] submitJson,
        long acceptOrder,
        string? responseTopic,
        byte[]? correlation,
        string? robotId)
        : this(submit, type, parameters, contentHash, submitJson, acceptOrder, responseTopic, correlation, robotId, new CancellationTokenSource(), Task.CompletedTask)
    {
    }

    private TaskTicket(
        TaskSubmitMessage submit,
        TaskTypeDefinition type,
        IReadOnlyDictionary<string, JsonElement> parameters,
        byte[] contentHash,
        byte[] submitJson,
        long acceptOrder,
        string? responseTopic,
        byte[]? correlation,
        string? robotId,
        CancellationTokenSource cancel,
        Task accepted)
    {
        (Submit, Type, Parameters, ContentHash, SubmitJson, AcceptOrder, ResponseTopic, Correlation, RobotId, Cancel, Accepted) =
            (submit, type, parameters, contentHash, submitJson, acceptOrder, responseTopic, correlation, robotId, cancel, accepted);
    }

    public string TaskId => Submit.TaskId;

    public TaskSubmitMessage Submit { get; }

    public TaskTypeDefinition Type { get; }

    public IReadOnlyDictionary<string, JsonElement> Parameters { get; }

    public byte[] ContentHash { get; }

    public byte[] SubmitJson { get; }

    public long AcceptOrder { get; }

    public string? ResponseTopic { get; }

    public byte[]? Correlation { get; }

    /// <summary>Robot the task is assigned to.</summary>
    public string? RobotId { get; }

    /// <summary>The MES's cancel, a signal every holder of the task may watch (tripped by the intake, watched by the flow).</summary>
    public CancellationTokenSource Cancel { get; }

    /// <summary>Completes once the acceptance is durable; a robot never starts a task before (it faults if the journal failed).</summary>
    public Task Accepted { get; }

    /// <summary><see cref="TimeProvider"/> timestamp of the acceptance in this process; 0 for a task recovered from the journal.</summary>
    public long AcceptedAt { get; private init; }

    /// <summary>The same task assigned to <paramref name="robotId"/>.</summary>
    public TaskTicket AssignedTo(string robotId) =>
        new(Submit, Type, Parameters, ContentHash, SubmitJson, AcceptOrder, ResponseTopic, Correlation, robotId, Cancel, Accepted) { AcceptedAt = AcceptedAt };

    /// <summary>The same task, accepted at timestamp <paramref name="acceptedAt"/>, whose acceptance becomes durable when <paramref name="accepted"/> completes.</summary>
    public TaskTicket AcceptedWhen(Task accepted, long acceptedAt = 0) =>
        new(Submit, Type, Parameters, ContentHash, SubmitJson, AcceptOrder, ResponseTopic, Correlation, RobotId, Cancel, accepted) { AcceptedAt = acceptedAt };
}
