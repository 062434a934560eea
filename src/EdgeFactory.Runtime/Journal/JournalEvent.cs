namespace EdgeFactory.Runtime.Journal;

/// <summary>A status event read back for re-publication after a restart.</summary>
/// <param name="EventId">Outbox id.</param>
/// <param name="TaskId">Task it belongs to.</param>
/// <param name="Payload">Status JSON as first published.</param>
/// <param name="ResponseTopic">The task's response topic, if it had one.</param>
/// <param name="Correlation">The task's correlation data.</param>
internal sealed record JournalEvent(long EventId, string TaskId, byte[] Payload, string? ResponseTopic, byte[]? Correlation);
