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
    public async Task ListAssignedDevices_DeviceWithSeveralSlots_IsListedOnce()
    {
        await using var store = await CreateAsync();
        await store.SetAssignmentAsync(new AssignmentRecord("s2", "d", "policy", "pick", "1.0.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "d", "policy", "pick", "1.0.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "d", "detector", "det", "0.1.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "c", "policy", "pick", "1.0.0", false), CancellationToken.None);

        Assert.Equal([("s", "c"), ("s", "d"), ("s2", "d")], await store.ListAssignedDevicesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AddGroupMembers_ReturnsOnlyNewMembers_RemoveTakesOneOut()
    {
        await using var store = await CreateAsync();

        Assert.Equal(["a", "b"], await store.AddGroupMembersAsync("s", "line", ["a", "b", "a"], CancellationToken.None));
        Assert.Equal(["c"], await store.AddGroupMembersAsync("s", "line", ["b", "c"], CancellationToken.None));
        Assert.Equal(["a"], await store.AddGroupMembersAsync("other-site", "line", ["a"], CancellationToken.None));
        Assert.True(await store.RemoveGroupMemberAsync("s", "line", "b", CancellationToken.None));
        Assert.False(await store.RemoveGroupMemberAsync("s", "line", "b", CancellationToken.None));

        Assert.Equal(["a", "c"], await store.ListGroupMembersAsync("s", "line", CancellationToken.None));
        Assert.Empty(await store.ListGroupMembersAsync("s", "nobody", CancellationToken.None));
    }

    [Fact]
    public async Task SetGroupAssignment_SetsEveryMembersSlot_KeepsTheirOtherSlots_AndOnlyTheGroupsMembers()
    {
        await using var store = await CreateAsync();
        await store.AddGroupMembersAsync("s", "line", ["a", "b"], CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "a", "detector", "det", "0.1.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "a", "policy", "pick", "0.9.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "outsider", "policy", "pick", "0.9.0", false), CancellationToken.None);
        var group = new GroupAssignmentRecord("s", "line", "policy", "pick", "1.0.0", false);

        var members = await store.SetGroupAssignmentAsync(group, CancellationToken.None);
        await store.SetGroupAssignmentAsync(group with { Slot = "detector", Name = "det", Version = "0.2.0" }, CancellationToken.None);

        Assert.Equal(["a", "b"], members);
        Assert.Equal([group.For("a") with { Slot = "detector", Name = "det", Version = "0.2.0" }, group.For("a")], await store.ListAssignmentsAsync("s", "a", CancellationToken.None));
        Assert.Equal([group.For("b") with { Slot = "detector", Name = "det", Version = "0.2.0" }, group.For("b")], await store.ListAssignmentsAsync("s", "b", CancellationToken.None));
        Assert.Equal("0.9.0", Assert.Single(await store.ListAssignmentsAsync("s", "outsider", CancellationToken.None)).Version);
        Assert.Equal([group with { Slot = "detector", Name = "det", Version = "0.2.0" }, group], await store.ListGroupAssignmentsAsync("s", "line", CancellationToken.None));
    }

    [Fact]
    public async Task SetGroupAssignment_EmptyGroup_IsKeptForLaterMembers()
    {
        await using var store = await CreateAsync();
        var group = new GroupAssignmentRecord("s", "line", "policy", "pick", "1.0.0", true);

        Assert.Empty(await store.SetGroupAssignmentAsync(group, CancellationToken.None));
        Assert.Equal([group], await store.ListGroupAssignmentsAsync("s", "line", CancellationToken.None));
        Assert.Empty(await store.ListAssignmentsAsync("s", "a", CancellationToken.None));
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
    public async Task NextRevisions_ABlockAboveEveryEarlierRevision_StrictlyIncreasing()
    {
        await using var store = await CreateAsync();
        var before = await store.NextRevisionAsync(CancellationToken.None);

        var block = await store.NextRevisionsAsync(50, CancellationToken.None);
        var after = await store.NextRevisionAsync(CancellationToken.None);

        Assert.Equal(50, block.Distinct().Count());
        Assert.Equal(block.Order(), block);
        Assert.True(block[0] > before && after > block[^1]);
        Assert.Empty(await store.NextRevisionsAsync(0, CancellationToken.None));
    }

    [Fact]
    public async Task ListGroupMemberAssignments_EveryMembersSlots_NotOutsiders()
    {
        await using var store = await CreateAsync();
        await store.AddGroupMembersAsync("s", "line", ["b", "a"], CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "a", "detector", "det", "0.1.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("s", "outsider", "policy", "pick", "0.9.0", false), CancellationToken.None);
        await store.SetAssignmentAsync(new AssignmentRecord("other", "a", "policy", "pick", "0.9.0", false), CancellationToken.None);
        var group = new GroupAssignmentRecord("s", "line", "policy", "pick", "1.0.0", false);
        await store.SetGroupAssignmentAsync(group, CancellationToken.None);

        var all = await store.ListGroupMemberAssignmentsAsync("s", "line", CancellationToken.None);

        Assert.Equal([new AssignmentRecord("s", "a", "detector", "det", "0.1.0", false), group.For("a"), group.For("b")], all);
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
