using System.Globalization;

namespace EdgeFactory.Factory.Rollout.Gates;

/// <summary>
/// Judges a rollout wave against its baseline (the same robots and task types on the previous version): tasks per
/// hour and failure rate by exact one-sided tests, the safety-clamp rate by one against a margin over the baseline,
/// publish→accepted p99 by a bound. It waits until
/// both sides have enough finished tasks, fails when any figure is significantly worse, and passes otherwise (or,
/// with <see cref="GateThresholds.RequireImprovement"/>, only once tasks per hour is significantly higher).
/// </summary>
public sealed class WaveGate
{
    private readonly GateThresholds _thresholds;

    /// <summary>Creates a gate with validated thresholds.</summary>
    public WaveGate(GateThresholds thresholds) =>
        _thresholds = (thresholds ?? throw new ArgumentNullException(nameof(thresholds))).Validate();

    /// <summary>The verdict on <paramref name="wave"/> against <paramref name="baseline"/>.</summary>
    public GateVerdict Evaluate(RolloutSample wave, RolloutSample baseline)
    {
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentNullException.ThrowIfNull(baseline);
        var min = _thresholds.MinFinishedTasks;
        if (wave.Finished < min || baseline.Finished < min || wave.Hours <= 0 || baseline.Hours <= 0)
        {
            return new GateVerdict(GateDecision.Wait, wave, baseline, [],
                Say($"waiting for a sample: {wave.Finished} finished tasks in the wave and {baseline.Finished} in the baseline, {min} needed on each side"));
        }

        var alpha = _thresholds.Alpha;
        var (rateHigher, rateLower) = RateTests.PoissonRates(wave.Completed, wave.Hours, baseline.Completed, baseline.Hours);
        var (failHigher, _) = RateTests.Proportions(wave.Failed, wave.Finished, baseline.Failed, baseline.Finished);
        // Worse on clamps means significantly above the factor times the baseline's rate, and by more than the slack.
        var factor = _thresholds.ClampRateFactor;
        var (clampHigher, _) = RateTests.PoissonRates(wave.SafetyClamps, wave.Finished * factor, baseline.SafetyClamps, baseline.Finished);
        var clampAllowed = (baseline.ClampRate * factor) + _thresholds.ClampRateSlack;
        var clampsWorse = clampHigher < alpha && wave.ClampRate > clampAllowed;
        var latencyBound = (baseline.LatencyP99Ms * _thresholds.LatencyP99Factor) + _thresholds.LatencyP99SlackMs;

        GateCheck[] checks =
        [
            new("tasks_per_hour", wave.TasksPerHour, baseline.TasksPerHour, rateLower, rateHigher, rateLower >= alpha,
                rateLower < alpha ? Say($"tasks per hour fell ({Fig(wave.TasksPerHour)} vs {Fig(baseline.TasksPerHour)}, p = {P(rateLower)})")
                : rateHigher < alpha ? Say($"tasks per hour rose ({Fig(wave.TasksPerHour)} vs {Fig(baseline.TasksPerHour)}, p = {P(rateHigher)})")
                : Say($"tasks per hour not significantly different ({Fig(wave.TasksPerHour)} vs {Fig(baseline.TasksPerHour)})")),
            new("failure_rate", wave.FailureRate, baseline.FailureRate, failHigher, null, failHigher >= alpha,
                Say($"failure rate {Pct(wave.FailureRate)} vs {Pct(baseline.FailureRate)}, p(higher) = {P(failHigher)}")),
            new("safety_clamp_rate", wave.ClampRate, baseline.ClampRate, clampHigher, null, !clampsWorse,
                Say($"safety clamps per task {Fig(wave.ClampRate)} vs {Fig(baseline.ClampRate)}, at most {Fig(clampAllowed)} allowed, p(above {Fig(factor)}× the baseline) = {P(clampHigher)}")),
            new("latency_p99_ms", wave.LatencyP99Ms, baseline.LatencyP99Ms, null, null, wave.LatencyP99Ms <= latencyBound,
                Say($"publish→accepted p99 {Fig(wave.LatencyP99Ms)} ms, bound {Fig(latencyBound)} ms")),
        ];

        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
        {
            return new GateVerdict(GateDecision.Fail, wave, baseline, checks, "worse than the baseline: " + string.Join("; ", failed.Select(c => c.Reason)));
        }

        if (_thresholds.RequireImprovement && rateHigher >= alpha)
        {
            return new GateVerdict(GateDecision.Wait, wave, baseline, checks, "not worse, but tasks per hour is not yet significantly higher: " + checks[0].Reason);
        }

        return new GateVerdict(GateDecision.Pass, wave, baseline, checks, "passes: " + checks[0].Reason);
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Fig(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Pct(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
