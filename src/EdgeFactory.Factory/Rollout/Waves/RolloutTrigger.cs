namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>What moves a rollout from one phase to the next.</summary>
public enum RolloutTrigger
{
    /// <summary>The wave's gate passed.</summary>
    GatePassed,

    /// <summary>The wave's gate failed.</summary>
    GateFailed,

    /// <summary>A person moved the rollout to its next wave without waiting for the gate.</summary>
    Promote,

    /// <summary>A person, or a revocation of the version, stopped the rollout.</summary>
    Abort,
}
