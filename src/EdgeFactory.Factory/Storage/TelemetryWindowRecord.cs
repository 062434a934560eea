namespace EdgeFactory.Factory.Storage;

/// <summary>A telemetry window as the factory stores it: its identity, the sequences it covers, when, and the message itself.</summary>
/// <param name="Site">Site of the device.</param>
/// <param name="Device">Device.</param>
/// <param name="Sequence">The window's sequence (the last it covers, for a summary).</param>
/// <param name="FirstSequence">The first sequence it covers (= <paramref name="Sequence"/> unless a summary).</param>
/// <param name="WindowStart">Start of the window.</param>
/// <param name="WindowEnd">End of the window.</param>
/// <param name="StoredAt">When the factory stored it.</param>
/// <param name="Payload">The message's JSON as received (UTF-8); a window being stored may lend the received bytes, valid until stored.</param>
public readonly record struct TelemetryWindowRecord(string Site, string Device, long Sequence, long FirstSequence, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset StoredAt, ReadOnlyMemory<byte> Payload);
