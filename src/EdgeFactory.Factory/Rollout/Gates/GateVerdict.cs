namespace EdgeFactory.Factory.Rollout.Gates;

/// <summary>A gate's decision with every figure behind it, as the rollout records it.</summary>
/// <param name="Decision">Wait, pass or fail.</param>
/// <param name="Wave">The wave's sample.</param>
/// <param name="Baseline">The baseline's sample.</param>
/// <param name="Checks">One check per figure; empty when the gate waits.</param>
/// <param name="Summary">One sentence for people: why it waits, passes or fails.</param>
public sealed record GateVerdict(GateDecision Decision, RolloutSample Wave, RolloutSample Baseline, IReadOnlyList<GateCheck> Checks, string Summary);
