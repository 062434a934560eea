using System.Text.Json.Serialization;
using EdgeFactory.Contracts.Json;

namespace EdgeFactory.Contracts.Tasks;

/// <summary>Where a task stands in its lifecycle, as reported to the MES.</summary>
[JsonConverter(typeof(StrictEnumConverter<TaskState>))]
public enum TaskState
{
    /// <summary>Validated and durably journaled; the site owns it now.</summary>
    [JsonStringEnumMemberName("accepted")] Accepted,

    /// <summary>Refused; <see cref="TaskStatusMessage.Error"/> says why. Final.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,

    /// <summary>Waiting in a robot's queue.</summary>
    [JsonStringEnumMemberName("queued")] Queued,

    /// <summary>A robot started it.</summary>
    [JsonStringEnumMemberName("started")] Started,

    /// <summary>The task's state machine entered a step.</summary>
    [JsonStringEnumMemberName("step")] Step,

    /// <summary>Finished; <see cref="TaskStatusMessage.Result"/> holds the outcome. Final.</summary>
    [JsonStringEnumMemberName("completed")] Completed,

    /// <summary>Could not finish; <see cref="TaskStatusMessage.Error"/> says why. Final.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Cancelled on request. Final.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
