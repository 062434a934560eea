using System.Text.Json.Serialization;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>Where a rollout stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutPhase>))]
public enum RolloutPhase
{
    /// <summary>The current wave runs the new version and bakes until its gate is judged.</summary>
    Baking,

    /// <summary>A gate failed: the wave went back to the previous version and the rollout waits for a person (abort, or a new rollout).</summary>
    RolledBack,

    /// <summary>Every wave passed: the whole group runs the new version.</summary>
    Completed,

    /// <summary>Stopped by a person or by a revocation: every device it reached went back to the previous version.</summary>
    Aborted,
}
