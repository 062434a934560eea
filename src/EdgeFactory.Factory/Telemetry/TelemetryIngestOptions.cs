namespace EdgeFactory.Factory.Telemetry;

/// <summary>How a factory instance takes its share of telemetry.</summary>
public sealed record TelemetryIngestOptions
{
    /// <summary>Shared-subscription group; instances in one group split the windows between them.</summary>
    public string ShareGroup { get; init; } = "factory";

    /// <summary>Batches handled at once by this instance (each batch is one database transaction).</summary>
    public int Workers { get; init; } = 8;

    /// <summary>Most windows a worker takes into one batch (one transaction; acknowledged after it commits).</summary>
    public int BatchSize { get; init; } = 64;

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

        if (BatchSize is < 1 or > 1024 || Workers * BatchSize > 32_768)
        {
            throw new ArgumentException($"Telemetry ingest takes 1-1024 windows per batch (not {BatchSize}) and at most 32,768 in flight over its workers (not {Workers * BatchSize}).");
        }

        return this;
    }
}
