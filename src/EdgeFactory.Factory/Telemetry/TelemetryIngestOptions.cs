namespace EdgeFactory.Factory.Telemetry;

/// <summary>How a factory instance takes its share of telemetry.</summary>
public sealed record TelemetryIngestOptions
{
    /// <summary>Shared-subscription group; instances in one group split the windows between them.</summary>
    public string ShareGroup { get; init; } = "factory";

    /// <summary>Windows handled at once by this instance (each is one database round trip).</summary>
    public int Workers { get; init; } = 8;

    /// <summary>Largest message taken.</summary>
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public TelemetryIngestOptions Validate()
    {
        EdgeFactory.Contracts.Topics.TopicSegment.Require(ShareGroup, "share group");
        if (Workers is < 1 or > 256 || MaxPayloadBytes < 1024)
        {
            throw new ArgumentException($"Telemetry ingest needs 1-256 workers (not {Workers}) and at least 1 KB per message (not {MaxPayloadBytes}).");
        }

        return this;
    }
}
