using EdgeFactory.Runtime.Execution;

namespace EdgeFactory.Runtime.Journal;

/// <summary>
/// One change the writer applies. <see cref="Publish"/>, when set, goes to the status outbox right after the commit
/// that made the change durable, in the order the entries were appended: that is what keeps a task's statuses in
/// sequence on the wire without anyone waiting for the commit.
/// </summary>
internal abstract record JournalEntry(OutboxItem? Publish);

/// <summary>A task was accepted: its row, and its first status event.</summary>
internal sealed record TaskAcceptedEntry(JournaledTask Task, JournalStatus Status, OutboxItem? Publish) : JournalEntry(Publish);

/// <summary>A further status event of a task, which also updates the task's row.</summary>
internal sealed record TaskStatusEntry(string TaskId, JournalStatus Status, OutboxItem? Publish) : JournalEntry(Publish);

/// <summary>Nothing to write: only publish after the next commit (a repeated status, so it never overtakes what is in flight).</summary>
internal sealed record PublishAfterCommitEntry(OutboxItem Item) : JournalEntry(Item);
