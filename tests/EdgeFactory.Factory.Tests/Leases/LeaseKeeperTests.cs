using EdgeFactory.Factory.Leases;
using EdgeFactory.Factory.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Factory.Tests.Leases;

public sealed class LeaseKeeperTests : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-lease-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero));
    private ILeaseStore? _store;

    public async Task InitializeAsync() => _store = await TelemetryStores.OpenLeasesAsync(Path.Combine(_folder, "factory.db"), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _store!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SecondInstance_TakesOver_WhenTheFirstStopsRenewing()
    {
        var first = Keeper("a");
        var second = Keeper("b");
        Assert.True(await first.TryRenewAsync(CancellationToken.None));
        Assert.False(await second.TryRenewAsync(CancellationToken.None));

        // The first renews every third of the lease; the second keeps being refused.
        for (var i = 0; i < 6; i++)
        {
            _time.Advance(Duration / 3);
            Assert.True(await first.TryRenewAsync(CancellationToken.None));
            Assert.False(await second.TryRenewAsync(CancellationToken.None));
        }

        // The first stops renewing (hung, cut off or killed): once its lease lapses it no longer says it holds it, and the second takes it.
        _time.Advance(Duration);
        Assert.False(first.IsHeld);
        Assert.True(await second.TryRenewAsync(CancellationToken.None));
        Assert.Equal(2, second.Term);
        Assert.False(await first.TryRenewAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Stop_WithRelease_HandsTheLeaseOverAtOnce()
    {
        await using var first = Keeper("a");
        var second = Keeper("b");
        first.Start();
        await EdgeFactory.Testing.Eventually.TrueAsync(() => first.IsHeld, "the first holds the lease");

        await first.StopAsync(release: true, CancellationToken.None);

        Assert.True(await second.TryRenewAsync(CancellationToken.None));
    }

    private LeaseKeeper Keeper(string holder) => new(_store!, "rollout-controller", holder, Duration, _time, NullLogger<LeaseKeeper>.Instance);
}
