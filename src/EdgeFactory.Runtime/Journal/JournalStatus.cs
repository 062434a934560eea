using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Journal;

/// <summary>A status event to journal: the exact payload published for it. Its event id is given by the journal writer when it commits.</summary>
/// <param name="Sequence">The task's own event counter.</param>
/// <param name="State">State entered.</param>
/// <param name="RobotId">Robot assigned, if any.</param>
/// <param name="Step">Step entered, for step events (the resume point).</param>
/// <param name="At">When it happened, Unix milliseconds.</param>
/// <param name="Payload">The status message's JSON.</param>
internal sealed record JournalStatus(long Sequence, TaskState State, string? RobotId, string? Step, long At, byte[] Payload);
