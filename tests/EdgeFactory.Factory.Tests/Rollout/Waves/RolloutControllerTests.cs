using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Rollout.Gates;
using EdgeFactory.Factory.Rollout.Waves;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Factory.Tests.Rollout.Waves;

/// <summary>Staged rollouts: waves, bake, gates, automatic rollback, promotion, abort and revocation.</summary>
public sealed class RolloutControllerTests
{
    private static readonly RolloutSample V1 = new(100, 2, 1, 1, 3);
    private static readonly RolloutSample Better = new(130, 2, 1, 1, 3);
    private static readonly RolloutSample Worse = new(95, 12, 1, 40, 3);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly TestRolloutFleet _fleet = new(8, "1.0.0");
    private readonly RolloutController _controller;

    public RolloutControllerTests()
    {
        _fleet.PerVersion["1.0.0"] = V1;
        _controller = new RolloutController(_fleet, _fleet, _fleet, new RolloutOptions(), _time);
    }

    [Fact]
    public async Task ABetterVersion_PassesEveryWave_AndCompletes()
    {
        _fleet.PerVersion["2.0.0"] = Better;
        var (outcome, started) = await StartAsync("2.0.0");
        Assert.True(outcome.Succeeded, outcome.Message);
        var canary = Assert.Single(started!.WaveDevices);
        Assert.Equal("2.0.0", _fleet.Assigned[canary]);
        Assert.Equal(7, _fleet.Assigned.Values.Count(v => v == "1.0.0"));

        Assert.Equal(0, await _controller.TickAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await _controller.TickAsync(CancellationToken.None));
        var second = (await _fleet.FindRolloutAsync(started.Spec.Id, CancellationToken.None))!;
        Assert.Equal((RolloutPhase.Baking, 1, 2), (second.Phase, second.Wave, second.WaveDevices.Count));
        Assert.Contains(canary, second.WaveDevices);

        _time.Advance(TimeSpan.FromMinutes(10));
        await _controller.TickAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        await _controller.TickAsync(CancellationToken.None);

        var done = (await _fleet.FindRolloutAsync(started.Spec.Id, CancellationToken.None))!;
        Assert.Equal(RolloutPhase.Completed, done.Phase);
        Assert.All(_fleet.Devices, d => Assert.Equal("2.0.0", _fleet.Assigned[d]));
        Assert.Equal(["rollout.started", "rollout.wave.passed", "rollout.wave.passed", "rollout.completed"], _fleet.Decisions.Select(d => d.Action));
        Assert.Contains("tasks per hour rose", _fleet.Decisions[1].Detail, StringComparison.Ordinal);
        Assert.Contains("tasks_per_hour 130 vs 100", _fleet.Decisions[1].Detail, StringComparison.Ordinal);

        // Each p-value on record says which hypothesis it tests, so "rose" never sits beside a bare, large p.
        Assert.Matches(@"tasks_per_hour 130 vs 100 p\(worse\)=[0-9.]+ p\(better\)=[0-9.]+", _fleet.Decisions[1].Detail);
    }

    [Fact]
    public async Task AWorseVersion_IsRolledBackByItself_WithTheNumbersOnRecord()
    {
        _fleet.PerVersion["3.0.0"] = Worse;
        var (_, started) = await StartAsync("3.0.0");
        var canary = Assert.Single(started!.WaveDevices);

        _time.Advance(TimeSpan.FromMinutes(10));
        await _controller.TickAsync(CancellationToken.None);

        var status = (await _fleet.FindRolloutAsync(started.Spec.Id, CancellationToken.None))!;
        Assert.Equal(RolloutPhase.RolledBack, status.Phase);
        Assert.Equal(GateDecision.Fail, status.LastVerdict!.Decision);
        Assert.Equal("1.0.0", _fleet.Assigned[canary]);
        Assert.Equal((canary, "1.0.0", true), _fleet.Assignments[^1]);
        var decision = _fleet.Decisions[^1];
        Assert.Equal(("rollout-controller", "rollout.rolled_back"), (decision.Actor, decision.Action));
        Assert.Contains("safety_clamp_rate", decision.Detail, StringComparison.Ordinal);

        // A rolled-back rollout waits for a person: later ticks change nothing, and it cannot be promoted.
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await _controller.TickAsync(CancellationToken.None));
        Assert.Equal(RegistryOutcome.Conflict, (await _controller.PromoteAsync(started.Spec.Id, "alice", CancellationToken.None)).Code);
    }

    [Fact]
    public async Task AClearlyWorseVersion_IsRolledBackBeforeItsBakeEnds()
    {
        _fleet.PerVersion["3.0.0"] = new RolloutSample(40, 60, 1, 4_000, 3);
        var (_, started) = await StartAsync("3.0.0");
        var canary = Assert.Single(started!.WaveDevices);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await _controller.TickAsync(CancellationToken.None));

        var status = (await _fleet.FindRolloutAsync(started.Spec.Id, CancellationToken.None))!;
        Assert.Equal(RolloutPhase.RolledBack, status.Phase);
        Assert.Equal("1.0.0", _fleet.Assigned[canary]);
        Assert.Contains("120 s into a bake of 600 s", _fleet.Decisions[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABorderlineWorseVersion_BakesToTheEnd_BeforeItIsJudged()
    {
        // Fewer tasks per hour at p ≈ 0.03: worse at the gate's level of 0.05, not at the tenth of it a baking wave needs.
        _fleet.PerVersion["2.0.0"] = new RolloutSample(75, 2, 1, 1, 3);
        var (_, started) = await StartAsync("2.0.0");

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await _controller.TickAsync(CancellationToken.None));
        Assert.Equal(RolloutPhase.Baking, (await _fleet.FindRolloutAsync(started!.Spec.Id, CancellationToken.None))!.Phase);

        _time.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal(1, await _controller.TickAsync(CancellationToken.None));
        Assert.Equal(RolloutPhase.RolledBack, (await _fleet.FindRolloutAsync(started.Spec.Id, CancellationToken.None))!.Phase);
    }

    [Fact]
    public async Task ATooSmallSample_Waits_AndSaysSoOnce()
    {
        _fleet.PerVersion["2.0.0"] = new RolloutSample(4, 0, 0.05, 0, 3);
        var (_, started) = await StartAsync("2.0.0");

        _time.Advance(TimeSpan.FromMinutes(10));
        await _controller.TickAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _controller.TickAsync(CancellationToken.None);

        var status = (await _fleet.FindRolloutAsync(started!.Spec.Id, CancellationToken.None))!;
        Assert.Equal((RolloutPhase.Baking, 0, GateDecision.Wait), (status.Phase, status.Wave, status.LastVerdict!.Decision));
        Assert.Single(_fleet.Decisions, d => d.Action == "rollout.gate.waiting");
    }

    [Fact]
    public async Task Promote_MovesOnWithoutTheGate_AndAbort_PutsEveryReachedDeviceBack()
    {
        var (_, started) = await StartAsync("2.0.0");
        var id = started!.Spec.Id;

        Assert.True((await _controller.PromoteAsync(id, "alice", CancellationToken.None)).Succeeded);
        var promoted = (await _fleet.FindRolloutAsync(id, CancellationToken.None))!;
        Assert.Equal(2, promoted.WaveDevices.Count);

        var aborted = await _controller.AbortAsync(id, "alice", "line 4 changeover", CancellationToken.None);
        Assert.True(aborted.Succeeded);
        Assert.All(_fleet.Devices, d => Assert.Equal("1.0.0", _fleet.Assigned[d]));
        Assert.Equal(("alice", "rollout.aborted"), (_fleet.Decisions[^1].Actor, _fleet.Decisions[^1].Action));
        Assert.Equal(RegistryOutcome.Conflict, (await _controller.AbortAsync(id, "alice", "again", CancellationToken.None)).Code);
    }

    [Fact]
    public async Task ARevocation_StopsTheRolloutAtOnce()
    {
        var (_, started) = await StartAsync("2.0.0");

        Assert.Equal(1, await _controller.StopRolloutsOfAsync("arm_reach", "2.0.0", "overshoots", CancellationToken.None));

        var status = (await _fleet.FindRolloutAsync(started!.Spec.Id, CancellationToken.None))!;
        Assert.Equal(RolloutPhase.Aborted, status.Phase);
        Assert.All(_fleet.Devices, d => Assert.Equal("1.0.0", _fleet.Assigned[d]));
        Assert.Contains("revoked: overshoots", _fleet.Decisions[^1].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,25%", "invalid_rollout")]
    [InlineData("0,100%", "invalid_rollout")]
    [InlineData("half,100%", "invalid_rollout")]
    public async Task Start_BadWaves_AreRefusedWithACode(string waves, string code)
    {
        var (outcome, status) = await _controller.StartAsync(new RolloutRequest("arm_reach", "2.0.0", "line3", "line", waves, TimeSpan.FromMinutes(10)), "alice", CancellationToken.None);

        Assert.Equal(code, outcome.Code);
        Assert.Null(status);
        Assert.Empty(_fleet.Assignments);
    }

    [Fact]
    public async Task Start_RefusesMixedVersions_AnUnknownGroup_AndASecondRolloutOnTheSameGroup()
    {
        _fleet.Assigned["jetson-03"] = "0.9.0";
        Assert.Equal(RolloutController.Invalid, (await StartAsync("2.0.0")).Outcome.Code);
        _fleet.Assigned["jetson-03"] = "1.0.0";

        var unknown = await _controller.StartAsync(new RolloutRequest("arm_reach", "2.0.0", "line3", "nowhere", "1,100%", TimeSpan.FromMinutes(1)), "alice", CancellationToken.None);
        Assert.Equal(RegistryOutcome.NotFound, unknown.Outcome.Code);

        Assert.True((await StartAsync("2.0.0")).Outcome.Succeeded);
        Assert.Equal(RegistryOutcome.Conflict, (await StartAsync("2.1.0")).Outcome.Code);
    }

    [Fact]
    public async Task Start_ARevokedVersion_IsRefusedBeforeAnyDeviceMoves()
    {
        _fleet.Revoked.Add("2.0.0");

        var (outcome, status) = await StartAsync("2.0.0");

        Assert.Equal("revoked", outcome.Code);
        Assert.Null(status);
        Assert.All(_fleet.Devices, d => Assert.Equal("1.0.0", _fleet.Assigned[d]));
    }

    private Task<(RegistryOutcome Outcome, RolloutStatus? Rollout)> StartAsync(string version) =>
        _controller.StartAsync(new RolloutRequest("arm_reach", version, "line3", "line", "1,25%,100%", TimeSpan.FromMinutes(10)), "alice", CancellationToken.None);
}
