using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>One device's telemetry as the factory holds it, with the gaps in its sequence.</summary>
/// <param name="Site">Site.</param>
/// <param name="Device">Device.</param>
/// <param name="HighestSequence">Highest window stored.</param>
/// <param name="Windows">Windows stored (a summary counts the windows it merges).</param>
/// <param name="Missing">Windows missing below the highest.</param>
/// <param name="LastWindowEnd">End of the latest window.</param>
/// <param name="Gaps">The missing ranges, oldest first.</param>
public sealed record TelemetryDeviceReport(string Site, string Device, long HighestSequence, long Windows, long Missing, DateTimeOffset LastWindowEnd, IReadOnlyList<SequenceGap> Gaps);
