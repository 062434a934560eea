using EdgeFactory.Factory.Rollout.Gates;
using EdgeFactory.Factory.Rollout.Waves;

namespace EdgeFactory.Factory.Tests.Storage;

/// <summary>What every rollout ledger promises; rerun for SQLite and PostgreSQL.</summary>
public abstract class RolloutLedgerContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);

    protected abstract Task<IRolloutLedger> CreateAsync();

    [Fact]
    public async Task Save_ThenFind_RoundTripsEverything_IncludingTheGateNumbers()
    {
        await using var ledger = await CreateAsync();
        var verdict = new WaveGate(new GateThresholds()).Evaluate(new RolloutSample(130, 2, 1, 1, 3), new RolloutSample(400, 8, 4, 4, 3));
        var status = Status("r1", At) with { LastVerdict = verdict };

        await ledger.SaveRolloutAsync(status, CancellationToken.None);
        var found = await ledger.FindRolloutAsync("r1", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(status.Spec with { Waves = [] }, found.Spec with { Waves = [] });
        Assert.Equal(status.Spec.Waves, found.Spec.Waves);
        Assert.Equal(status.WaveDevices, found.WaveDevices);
        Assert.Equal((status.Phase, status.Wave, status.WaveStartedAt), (found.Phase, found.Wave, found.WaveStartedAt));
        Assert.Equal(verdict.Decision, found.LastVerdict!.Decision);
        Assert.Equal(verdict.Checks, found.LastVerdict.Checks);
        Assert.Equal(verdict.Wave, found.LastVerdict.Wave);
    }

    [Fact]
    public async Task Save_Again_ReplacesTheRollout_AndListIsNewestFirst()
    {
        await using var ledger = await CreateAsync();
        await ledger.SaveRolloutAsync(Status("old", At), CancellationToken.None);
        await ledger.SaveRolloutAsync(Status("new", At.AddHours(1)), CancellationToken.None);
        await ledger.SaveRolloutAsync(Status("old", At) with { Phase = RolloutPhase.Aborted }, CancellationToken.None);

        var all = await ledger.ListRolloutsAsync(CancellationToken.None);

        Assert.Equal(["new", "old"], all.Select(r => r.Spec.Id));
        Assert.Equal(RolloutPhase.Aborted, all[1].Phase);
        Assert.Null(await ledger.FindRolloutAsync("missing", CancellationToken.None));
    }

    private static RolloutStatus Status(string id, DateTimeOffset at) => new(
        new RolloutSpec(id, "arm_reach", "2.0.0", "1.0.0", "line3", "line", "arm_reach", WaveSize.ParseList("1,25%,100%"), TimeSpan.FromMinutes(10), "alice", at),
        RolloutPhase.Baking, 0, at, ["jetson-01"], null, at);
}
