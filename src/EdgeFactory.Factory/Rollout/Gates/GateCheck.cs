namespace EdgeFactory.Factory.Rollout.Gates;

/// <summary>One figure of a gate: the wave's and the baseline's values, the evidence, and whether it held.</summary>
/// <param name="Metric">Stable name: <c>tasks_per_hour</c>, <c>failure_rate</c>, <c>safety_clamp_rate</c> or <c>latency_p99_ms</c>.</param>
/// <param name="Wave">The wave's value.</param>
/// <param name="Baseline">The baseline's value.</param>
/// <param name="PValue">One-sided p-value of "the wave is worse" (for tasks per hour, also of "better" in <paramref name="PBetter"/>); null where the check is a bound, not a test.</param>
/// <param name="PBetter">For tasks per hour, the one-sided p-value of "the wave is better"; null otherwise.</param>
/// <param name="Passed">Whether this figure lets the wave go on.</param>
/// <param name="Reason">A sentence a person reads in the rollout's record.</param>
public sealed record GateCheck(string Metric, double Wave, double Baseline, double? PValue, double? PBetter, bool Passed, string Reason);
