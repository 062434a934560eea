using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Tests.Storage;

/// <summary>What every lease store promises; rerun for SQLite and PostgreSQL.</summary>
public abstract class LeaseStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    protected abstract Task<ILeaseStore> CreateAsync();

    [Fact]
    public async Task Acquire_WhileAnotherHoldsIt_Fails_AfterItLapses_Succeeds()
    {
        await using var store = await CreateAsync();

        var first = await store.TryAcquireAsync("rollout", "a", At, Duration, CancellationToken.None);
        Assert.Equal(new LeaseRecord("rollout", "a", At + Duration, 1), first);
        Assert.Null(await store.TryAcquireAsync("rollout", "b", At.AddSeconds(14), Duration, CancellationToken.None));

        var second = await store.TryAcquireAsync("rollout", "b", At.AddSeconds(15), Duration, CancellationToken.None);
        Assert.Equal(new LeaseRecord("rollout", "b", At.AddSeconds(30), 2), second);
        Assert.Null(await store.TryAcquireAsync("rollout", "a", At.AddSeconds(16), Duration, CancellationToken.None));
    }

    [Fact]
    public async Task Renew_ByTheHolder_KeepsTheTerm_AndPushesTheExpiry()
    {
        await using var store = await CreateAsync();
        await store.TryAcquireAsync("rollout", "a", At, Duration, CancellationToken.None);

        var renewed = await store.TryAcquireAsync("rollout", "a", At.AddSeconds(10), Duration, CancellationToken.None);

        Assert.Equal(new LeaseRecord("rollout", "a", At.AddSeconds(25), 1), renewed);
        Assert.Null(await store.TryAcquireAsync("rollout", "b", At.AddSeconds(20), Duration, CancellationToken.None));
        Assert.Equal(renewed, await store.FindAsync("rollout", CancellationToken.None));
    }

    [Fact]
    public async Task Release_LetsAnotherTakeItAtOnce_OnlyTheHolderCanRelease()
    {
        await using var store = await CreateAsync();
        await store.TryAcquireAsync("rollout", "a", At, Duration, CancellationToken.None);

        await store.ReleaseAsync("rollout", "b", CancellationToken.None);
        Assert.Null(await store.TryAcquireAsync("rollout", "b", At.AddSeconds(1), Duration, CancellationToken.None));
        await store.ReleaseAsync("rollout", "a", CancellationToken.None);

        Assert.Equal("b", (await store.TryAcquireAsync("rollout", "b", At.AddSeconds(1), Duration, CancellationToken.None))!.Holder);
        Assert.Null(await store.FindAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task Acquire_ManyAtOnce_OneWins()
    {
        await using var store = await CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.TryAcquireAsync("rollout", $"h{i}", At, Duration, CancellationToken.None)));

        Assert.Single(results, r => r is not null);
    }
}
