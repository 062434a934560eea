using System.Text.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.TaskTypes;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// An accepted task while it is open: what was asked, which robot has it, where its flow stands, and its status
/// counter. The intake creates it; from then on one robot agent at a time owns it.
/// </summary>
internal sealed class TaskTicket(
    TaskSubmitMessage submit,
    TaskTypeDefinition type,
    IReadOnlyDictionary<string, JsonElement> parameters,
    byte[] contentHash,
    byte[] submitJson,
    long acceptOrder,
    string? responseTopic,
    byte[]? correlation)
{
    private long _sequence;

    public string TaskId => Submit.TaskId;

    public TaskSubmitMessage Submit { get; } = submit;

    public TaskTypeDefinition Type { get; } = type;

    public IReadOnlyDictionary<string, JsonElement> Parameters { get; } = parameters;

    public byte[] ContentHash { get; } = contentHash;

    public byte[] SubmitJson { get; } = submitJson;

    public long AcceptOrder { get; } = acceptOrder;

    public string? ResponseTopic { get; } = responseTopic;

    public byte[]? Correlation { get; } = correlation;

    /// <summary>Robot the task is assigned to.</summary>
    public string? RobotId { get; set; }

    /// <summary>Latest state reported.</summary>
    public TaskState State { get; set; } = TaskState.Accepted;

    /// <summary>Latest step entered: where a resumed run starts.</summary>
    public string? ResumeStep { get; set; }

    /// <summary>Payload of the latest status made durable; null until the acceptance is.</summary>
    public byte[]? LastStatus { get; set; }

    /// <summary>Completes once the acceptance is durable; a robot never starts a task before (it faults if the journal failed).</summary>
    public Task Accepted { get; set; } = Task.CompletedTask;

    /// <summary>Fires when the MES cancels the task.</summary>
    public CancellationTokenSource Cancel { get; } = new();

    /// <summary>Whether it was started on a robot (and so must be recovered by its task type's policy after a crash).</summary>
    public bool WasStarted => State is TaskState.Started or TaskState.Step;

    public long Sequence => Interlocked.Read(ref _sequence);

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Continues the counter of a task read back from the journal.</summary>
    public void RestoreSequence(long sequence) => Interlocked.Exchange(ref _sequence, sequence);
}
