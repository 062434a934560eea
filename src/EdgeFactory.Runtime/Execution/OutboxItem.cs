namespace EdgeFactory.Runtime.Execution;

/// <summary>A status waiting to be published: journaled ones carry their event id (0 for rejections, which are not journaled).</summary>
internal readonly record struct OutboxItem(long EventId, string Topic, byte[] Payload, string? ResponseTopic, byte[]? Correlation);
