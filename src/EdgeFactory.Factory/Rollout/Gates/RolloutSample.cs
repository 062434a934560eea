namespace EdgeFactory.Factory.Rollout.Gates;

/// <summary>
/// What one model version did on a set of robots and task types over the hours observed: the sums of its telemetry
/// windows. A wave's sample and its baseline cover the same robots and task types, so they compare like with like.
/// </summary>
/// <param name="Completed">Tasks that completed.</param>
/// <param name="Failed">Tasks that failed (cancelled tasks count in neither).</param>
/// <param name="Hours">Hours of work the windows cover (the tasks-per-hour denominator, summed over robots).</param>
/// <param name="SafetyClamps">Actions the safety envelope clamped or held.</param>
/// <param name="LatencyP99Ms">The largest per-window publish→accepted p99, in milliseconds.</param>
public sealed record RolloutSample(long Completed, long Failed, double Hours, long SafetyClamps, double LatencyP99Ms)
{
    /// <summary>A sample with nothing in it.</summary>
    public static RolloutSample Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Tasks that ended with a final outcome, the exposure for failure and clamp rates.</summary>
    public long Finished => Completed + Failed;

    /// <summary>Completed tasks per hour; 0 for an empty sample.</summary>
    public double TasksPerHour => Hours > 0 ? Completed / Hours : 0;

    /// <summary>Failed tasks per finished task; 0 for an empty sample.</summary>
    public double FailureRate => Finished > 0 ? (double)Failed / Finished : 0;

    /// <summary>Safety clamps per finished task; 0 for an empty sample.</summary>
    public double ClampRate => Finished > 0 ? (double)SafetyClamps / Finished : 0;

    /// <summary>The sum of two samples; latency keeps the worse p99.</summary>
    public RolloutSample Add(RolloutSample other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Completed + other.Completed, Failed + other.Failed, Hours + other.Hours, SafetyClamps + other.SafetyClamps,
            Math.Max(LatencyP99Ms, other.LatencyP99Ms));
    }
}
