using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Journal;

/// <summary>A task's row in the journal.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="AcceptOrder">Order of acceptance at the site; ties in priority run in this order.</param>
/// <param name="ContentHash">Hash of the submission's content, for idempotency.</param>
/// <param name="SubmitJson">The submission as accepted.</param>
/// <param name="RobotId">Robot assigned.</param>
/// <param name="State">Latest state.</param>
/// <param name="Step">Latest step entered (resume point).</param>
/// <param name="Sequence">Latest status sequence.</param>
/// <param name="ResponseTopic">MQTT 5 response topic of the submission.</param>
/// <param name="Correlation">MQTT 5 correlation data of the submission.</param>
/// <param name="AcceptedAt">Unix milliseconds.</param>
/// <param name="LastStatus">Payload of the latest status.</param>
internal sealed record JournaledTask(
    string TaskId,
    long AcceptOrder,
    byte[] ContentHash,
    byte[] SubmitJson,
    string? RobotId,
    TaskState State,
    string? Step,
    long Sequence,
    string? ResponseTopic,
    byte[]? Correlation,
    long AcceptedAt,
    byte[] LastStatus);
