using EdgeFactory.Factory.Rollout.Gates;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>A rollout as stored: its spec, phase, current wave, and the last gate verdict with its numbers.</summary>
/// <param name="Spec">What was asked.</param>
/// <param name="Phase">Where it stands.</param>
/// <param name="Wave">Current wave, from 0.</param>
/// <param name="WaveStartedAt">When the current wave's devices were assigned the new version.</param>
/// <param name="WaveDevices">Devices the current wave covers (cumulative).</param>
/// <param name="LastVerdict">The last gate verdict, if any.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record RolloutStatus(
    RolloutSpec Spec,
    RolloutPhase Phase,
    int Wave,
    DateTimeOffset WaveStartedAt,
    IReadOnlyList<string> WaveDevices,
    GateVerdict? LastVerdict,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the rollout still acts (bakes and judges waves).</summary>
    public bool Active => Phase == RolloutPhase.Baking;

    /// <summary>Whether another wave follows the current one.</summary>
    public bool HasNextWave => Wave + 1 < Spec.Waves.Count;
}
