using EdgeFactory.Factory.Rollout.Gates;

namespace EdgeFactory.Factory.Tests.Rollout.Gates;

/// <summary>The rollout gate: a better version passes, a worse one fails with the figure that failed, a small sample waits.</summary>
public sealed class WaveGateTests
{
    private static readonly RolloutSample Baseline = new(Completed: 400, Failed: 8, Hours: 4, SafetyClamps: 4, LatencyP99Ms: 3);
    private readonly WaveGate _gate = new(new GateThresholds());

    [Fact]
    public void Evaluate_MoreTasksPerHour_NothingWorse_Passes_AndSaysItRose()
    {
        var verdict = _gate.Evaluate(new RolloutSample(130, 2, 1, 1, 3.2), Baseline);

        Assert.Equal(GateDecision.Pass, verdict.Decision);
        var rate = Assert.Single(verdict.Checks, c => c.Metric == "tasks_per_hour");
        Assert.Equal(130, rate.Wave);
        Assert.Equal(100, rate.Baseline);
        Assert.True(rate.PBetter < 0.05);
        Assert.Contains("rose", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MoreClampsAndFailures_Fails_NamingBoth()
    {
        var verdict = _gate.Evaluate(new RolloutSample(95, 12, 1, 40, 3), Baseline);

        Assert.Equal(GateDecision.Fail, verdict.Decision);
        Assert.Equal(["failure_rate", "safety_clamp_rate"], verdict.Checks.Where(c => !c.Passed).Select(c => c.Metric));
        Assert.Contains("failure rate", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ClampsWithinTheMargin_Pass_EvenWhenSignificantlyMoreThanTheBaseline()
    {
        // 3 clamps per task against 2.5: significant on these counts, but within 1.5 times the baseline.
        var baseline = new RolloutSample(400, 0, 4, 1_000, 3);
        var verdict = _gate.Evaluate(new RolloutSample(400, 0, 4, 1_200, 3), baseline);

        Assert.Equal(GateDecision.Pass, verdict.Decision);
        Assert.True(Assert.Single(verdict.Checks, c => c.Metric == "safety_clamp_rate").Passed);
        Assert.Equal(GateDecision.Fail, _gate.Evaluate(new RolloutSample(400, 0, 4, 2_000, 3), baseline).Decision);
    }

    [Fact]
    public void Evaluate_FewerTasksPerHour_Fails()
    {
        var verdict = _gate.Evaluate(new RolloutSample(70, 1, 1, 0, 3), Baseline);

        Assert.Equal(GateDecision.Fail, verdict.Decision);
        Assert.False(Assert.Single(verdict.Checks, c => c.Metric == "tasks_per_hour").Passed);
        Assert.Contains("fell", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LatencyAboveTheBound_Fails()
    {
        var verdict = _gate.Evaluate(new RolloutSample(100, 2, 1, 1, 30), Baseline);

        Assert.Equal(GateDecision.Fail, verdict.Decision);
        Assert.False(Assert.Single(verdict.Checks, c => c.Metric == "latency_p99_ms").Passed);
    }

    [Fact]
    public void Evaluate_TooSmallASample_Waits_EvenWhenItLooksWorse()
    {
        var verdict = _gate.Evaluate(new RolloutSample(5, 10, 0.1, 30, 50), Baseline);

        Assert.Equal(GateDecision.Wait, verdict.Decision);
        Assert.Empty(verdict.Checks);
        Assert.Contains("15 finished tasks in the wave", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RequireImprovement_SameRate_Waits()
    {
        var gate = new WaveGate(new GateThresholds { RequireImprovement = true });

        Assert.Equal(GateDecision.Wait, gate.Evaluate(new RolloutSample(100, 2, 1, 1, 3), Baseline).Decision);
        Assert.Equal(GateDecision.Pass, gate.Evaluate(new RolloutSample(140, 2, 1, 1, 3), Baseline).Decision);
    }

    [Theory]
    [InlineData(0, 0.05)]
    [InlineData(30, 0)]
    [InlineData(30, 0.5)]
    public void Thresholds_ThatCannotWork_AreRefusedAtStart(long minTasks, double alpha) =>
        Assert.Throws<ArgumentException>(() => new WaveGate(new GateThresholds { MinFinishedTasks = minTasks, Alpha = alpha }));

    [Fact]
    public void Samples_Add_SumCountsAndKeepTheWorseLatency()
    {
        var sum = new RolloutSample(1, 2, 0.5, 3, 4).Add(new RolloutSample(10, 20, 1.5, 30, 2));

        Assert.Equal(new RolloutSample(11, 22, 2, 33, 4), sum);
    }
}
