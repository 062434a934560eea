namespace EdgeFactory.Runtime.Telemetry;

/// <summary>How the edge makes, keeps and sends its telemetry windows.</summary>
public sealed record TelemetryOptions
{
    /// <summary>Length of a window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most windows kept on disk; past it the oldest are merged (a day of 10 s windows by default).</summary>
    public int MaxStoredWindows { get; init; } = 8_640;

    /// <summary>How many of the oldest windows one merge folds into a summary.</summary>
    public int MergeBatch { get; init; } = 60;

    /// <summary>Windows published and not yet acknowledged at once.</summary>
    public int MaxInFlight { get; init; } = 32;

    /// <summary>Wait after a failed publish before sending again from the last acknowledged window.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Durations kept per robot and window for percentiles (beyond it, a uniform sample).</summary>
    public int SamplesPerWindow { get; init; } = 1_024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public TelemetryOptions Validate()
    {
        if (Window < TimeSpan.FromMilliseconds(10))
        {
            throw new ArgumentException($"Telemetry window {Window} is shorter than 10 ms.", nameof(Window));
        }

        if (MergeBatch < 2 || MaxStoredWindows < MergeBatch)
        {
            throw new ArgumentException($"Telemetry merge batch {MergeBatch} must be at least 2 and at most the store's bound {MaxStoredWindows}.", nameof(MergeBatch));
        }

        if (MaxInFlight < 1 || SamplesPerWindow < 1 || RetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException("Telemetry in-flight windows, samples per window and retry delay must be positive.", nameof(MaxInFlight));
        }

        return this;
    }
}
