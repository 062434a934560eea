namespace EdgeFactory.Runtime.Telemetry;

/// <summary>A window in the edge's telemetry store, as it will be published.</summary>
/// <param name="Sequence">Its sequence (the last one it covers, for a summary).</param>
/// <param name="Payload">The message's JSON.</param>
internal readonly record struct StoredWindow(long Sequence, byte[] Payload);
