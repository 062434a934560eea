using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// Where an accepted task stands, as its latest status made it; immutable. <see cref="TaskReporter"/> makes the next
/// one with each status; the task's owner of the moment (the intake while it accepts, then its robot's actor, the
/// site's fault handling once that actor is gone, recovery at start) keeps it and hands it on inside a message.
/// </summary>
/// <param name="State">Latest state reported.</param>
/// <param name="Sequence">Sequence of the latest status.</param>
/// <param name="ResumeStep">Latest step entered: where a resumed run starts.</param>
/// <param name="LastStatus">Payload of the latest status (durable once the task's latest journal write completed).</param>
internal sealed record TaskProgress(TaskState State, long Sequence, string? ResumeStep, byte[]? LastStatus)
{
    /// <summary>A task about to be accepted: nothing reported yet.</summary>
    public static readonly TaskProgress New = new(TaskState.Accepted, 0, null, null);

    /// <summary>Whether it was started on a robot (and so must be recovered by its task type's policy after a crash).</summary>
    public bool WasStarted => State is TaskState.Started or TaskState.Step;
}
