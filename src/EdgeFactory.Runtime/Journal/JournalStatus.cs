using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Journal;

/// <summary>A status event as journaled: its outbox id and the exact payload published for it.</summary>
/// <param name="EventId">Journal-wide, increasing; the outbox tracks publication by it.</param>
/// <param name="Sequence">The task's own event counter.</param>
/// <param name="State">State entered.</param>
/// <param name="RobotId">Robot assigned, if any.</param>
/// <param name="Step">Step entered, for step events (the resume point).</param>
/// <param name="At">When it happened, Unix milliseconds.</param>
/// <param name="Payload">The status message's JSON.</param>
internal sealed record JournalStatus(long EventId, long Sequence, TaskState State, string? RobotId, string? Step, long At, byte[] Payload);
