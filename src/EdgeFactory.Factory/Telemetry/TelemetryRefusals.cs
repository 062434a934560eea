namespace EdgeFactory.Factory.Telemetry;

/// <summary>Stable codes of telemetry the factory does not store, counted per code.</summary>
public static class TelemetryRefusals
{
    /// <summary>Larger than the ingest accepts.</summary>
    public const string TooLarge = "too_large";

    /// <summary>Not JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>JSON that fails <c>telemetry-window.schema.json</c>.</summary>
    public const string SchemaViolation = "schema_violation";

    /// <summary>The body names another site or device than the topic it came on.</summary>
    public const string TopicMismatch = "topic_mismatch";

    /// <summary>A device the factory does not know (no model assigned to it).</summary>
    public const string UnknownDevice = "unknown_device";

    /// <summary>A sequence already stored: the QoS 1 repeat of a window, ignored.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>A summary covering windows already stored separately: refused so no task counts twice.</summary>
    public const string Overlap = "overlap";

    /// <summary>The database failed; the window is not acknowledged and comes again.</summary>
    public const string StoreFailed = "store_failed";
}
