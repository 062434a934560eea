namespace EdgeFactory.Runtime.Journal;

/// <summary>One change the writer applies: a task accepted, or a status event of a task.</summary>
internal abstract record JournalEntry;

/// <summary>A task was accepted: its row, and its first status event.</summary>
internal sealed record TaskAcceptedEntry(JournaledTask Task, JournalStatus Status) : JournalEntry;

/// <summary>A further status event of a task, which also updates the task's row.</summary>
internal sealed record TaskStatusEntry(string TaskId, JournalStatus Status) : JournalEntry;
