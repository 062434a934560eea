using EdgeFactory.Factory.Rollout.Gates;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>How the rollout controller judges waves.</summary>
public sealed record RolloutOptions
{
    /// <summary>How far before a wave started its baseline reaches back.</summary>
    public TimeSpan BaselineLookback { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The gate's thresholds.</summary>
    public GateThresholds Gate { get; init; } = new();

    /// <summary>The actor the controller records its own decisions as.</summary>
    public string Actor { get; init; } = "rollout-controller";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    public RolloutOptions Validate()
    {
        if (BaselineLookback <= TimeSpan.Zero)
        {
            throw new ArgumentException("A rollout's baseline needs a positive lookback.");
        }

        Gate.Validate();
        return this;
    }
}
