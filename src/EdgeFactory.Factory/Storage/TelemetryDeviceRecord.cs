namespace EdgeFactory.Factory.Storage;

/// <summary>One device's telemetry as stored: how far its windows go and how many below that are missing.</summary>
/// <param name="Site">Site.</param>
/// <param name="Device">Device.</param>
/// <param name="HighestSequence">Highest sequence stored.</param>
/// <param name="Windows">Windows accounted for (a summary counts the windows it merges).</param>
/// <param name="Missing">Sequences below the highest not received (gaps).</param>
/// <param name="LastWindowEnd">End of the latest window.</param>
public sealed record TelemetryDeviceRecord(string Site, string Device, long HighestSequence, long Windows, long Missing, DateTimeOffset LastWindowEnd);
