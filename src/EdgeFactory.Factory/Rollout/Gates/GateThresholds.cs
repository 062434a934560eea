namespace EdgeFactory.Factory.Rollout.Gates;

/// <summary>When a wave's numbers are enough to judge, and how much worse than its baseline a version may look.</summary>
public sealed record GateThresholds
{
    /// <summary>Finished tasks each of the wave and the baseline needs before any verdict; fewer and the gate waits.</summary>
    public long MinFinishedTasks { get; init; } = 30;

    /// <summary>One-sided significance level: a version is worse when chance would explain its figures less often than this.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>How many times the baseline's publish→accepted p99 the wave may reach.</summary>
    public double LatencyP99Factor { get; init; } = 1.5;

    /// <summary>Latency headroom in milliseconds on top of the factor, so that sub-millisecond baselines do not fail on jitter.</summary>
    public double LatencyP99SlackMs { get; init; } = 5;

    /// <summary>
    /// How many times the baseline's safety clamps per task the wave may show before it is worse: clamps come in bursts
    /// (one blend or one stall clamps a run of cycles), so a test against the baseline itself would fail versions on noise.
    /// </summary>
    public double ClampRateFactor { get; init; } = 1.5;

    /// <summary>Clamps per task on top of the factor, so that a baseline of nearly none does not fail a version on a handful.</summary>
    public double ClampRateSlack { get; init; } = 0.1;

    /// <summary>When true, the wave passes only if its tasks per hour is significantly higher, not merely not lower.</summary>
    public bool RequireImprovement { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first threshold that cannot work.</summary>
    public GateThresholds Validate()
    {
        if (MinFinishedTasks < 1)
        {
            throw new ArgumentException("A gate needs at least one finished task per side (MinFinishedTasks ≥ 1).");
        }

        if (Alpha is <= 0 or >= 0.5)
        {
            throw new ArgumentException($"The gate's significance level must lie in (0, 0.5); got {Alpha}.");
        }

        if (LatencyP99Factor < 1 || LatencyP99SlackMs < 0)
        {
            throw new ArgumentException("The latency gate needs a factor ≥ 1 and a slack ≥ 0 ms.");
        }

        if (ClampRateFactor < 1 || ClampRateSlack < 0)
        {
            throw new ArgumentException("The safety-clamp gate needs a factor ≥ 1 and a slack ≥ 0 clamps per task.");
        }

        return this;
    }
}
