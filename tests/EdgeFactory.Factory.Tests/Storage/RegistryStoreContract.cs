using EdgeFactory.Contracts.Devices;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Tests.Storage;

/// <summary>What every registry store promises; rerun for SQLite and PostgreSQL.</summary>
public abstract class RegistryStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IRegistryStore> CreateAsync();

    [Fact]
    public async Task AddPackage_SameNameAndVersionTwice_KeepsTheFirst()
    {
        await using var store = await CreateAsync();
        var first = new PackageRecord("pick", "1.0.0", "aa", "{}", "{\"k\":1}", At);

        Assert.True(await store.AddPackageAsync(first, CancellationToken.None));
        Assert.False(await store.AddPackageAsync(first with { Digest = "bb" }, CancellationToken.None));

        Assert.Equal(first, await store.FindPackageAsync("pick", "1.0.0", CancellationToken.None));
        Assert.Null(await store.FindPackageAsync("pick", "2.0.0", CancellationToken.None));
        Assert.Single(await store.ListPackagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SetAssignment_SameSlot_Replaces_OtherSlotsStay()
    {
        await using var store = await CreateAsync();
        await store.SetAssignmentAsync(new AssignmentRecord("s", "d", "policy", "pick", "1.0.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "d", "detector", "det", "0.1.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "d", "policy", "pick", "0.9.0", true), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "other", "policy", "pick", "1.0.0", false), CancellationToken.None);

        var assignments = await store.ListAssignmentsAsync("s", "d", CancellationToken.None);

        Assert.Equal(
            [new AssignmentRecord("s", "d", "detector", "det", "0.1.0", false), new AssignmentRecord("s", "d", "policy", "pick", "0.9.0", true)],
            assignments);
    }

    [Fact]
    public async Task AddRevocation_Twice_IsOneRevocation()
    {
        await using var store = await CreateAsync();
        var revocation = new ModelRevocation("pick", "1.0.0", "drops parts", At);

        Assert.True(await store.AddRevocationAsync(revocation, CancellationToken.None));
        Assert.False(await store.AddRevocationAsync(revocation with { Reason = "again" }, CancellationToken.None));

        Assert.Equal([revocation], await store.ListRevocationsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task NextRevision_IsStrictlyIncreasing()
    {
        await using var store = await CreateAsync();
        var revisions = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            revisions.Add(await store.NextRevisionAsync(CancellationToken.None));
        }

        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(5, revisions.Distinct().Count());
    }

    [Fact]
    public async Task Record_DecisionsComeBackInOrderAfterASequence()
    {
        await using var store = await CreateAsync();
        var first = await store.RecordAsync(new DecisionRecord(0, At, "ana", "package.pushed", "pick 1.0.0", "ok"), CancellationToken.None);
        var second = await store.RecordAsync(new DecisionRecord(0, At.AddSeconds(1), "ben", "revocation.added", "pick 1.0.0", "drops parts"), CancellationToken.None);

        var all = await store.ListDecisionsAsync(0, CancellationToken.None);
        var after = await store.ListDecisionsAsync(first, CancellationToken.None);

        Assert.True(second > first);
        Assert.Equal([new DecisionRecord(first, At, "ana", "package.pushed", "pick 1.0.0", "ok"), new DecisionRecord(second, At.AddSeconds(1), "ben", "revocation.added", "pick 1.0.0", "drops parts")], all);
        Assert.Equal([all[1]], after);
    }

    [Fact]
    public async Task Reopen_KeepsWhatWasStored()
    {
        var location = await LocationAsync();
        await using (var store = await RegistryStores.OpenAsync(location, CancellationToken.None))
        {
            await store.AddPackageAsync(new PackageRecord("pick", "1.0.0", "aa", "{}", "{}", At), CancellationToken.None);
        }

        await using var reopened = await RegistryStores.OpenAsync(location, CancellationToken.None);

        Assert.NotNull(await reopened.FindPackageAsync("pick", "1.0.0", CancellationToken.None));
    }

    protected abstract Task<string> LocationAsync();
}
