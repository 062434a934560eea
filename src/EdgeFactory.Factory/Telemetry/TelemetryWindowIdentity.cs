namespace EdgeFactory.Factory.Telemetry;

/// <summary>What the store needs of a window that <see cref="TelemetryWindowReader"/> took, read without building the message.</summary>
/// <param name="Site">Where the site's id is in the window's bytes (plain ASCII, no escapes).</param>
/// <param name="Device">Where the device's id is in the window's bytes (plain ASCII, no escapes).</param>
/// <param name="Sequence">The window's sequence (the last it covers, for a summary).</param>
/// <param name="FirstSequence">The first sequence it covers: the summary's, else <paramref name="Sequence"/>.</param>
/// <param name="WindowStart">Start of the window.</param>
/// <param name="WindowEnd">End of the window.</param>
internal readonly record struct TelemetryWindowIdentity(Range Site, Range Device, long Sequence, long FirstSequence, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);
