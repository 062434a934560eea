using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Http;

public sealed class FactoryGroupTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task AssignGroup_EveryMemberGetsItsSignedDesiredState_ADeviceThatJoinsLaterGetsItToo()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        await factory.Client.PushAsync(await factory.PackageAsync(), CancellationToken.None);
        using var trusted = TrustedKeys.FromPem([("factory", factory.Publisher.PublicKeyPem())]);
        await using var devices = await broker.ConnectAsync();
        await devices.SubscribeAsync("ef/v1/line8/edges/+/desired", MqttQos.AtLeastOnce, null, CancellationToken.None);

        var joined = await factory.Client.AddGroupMembersAsync("line8", "pickers", ["jetson-a", "jetson-b"], CancellationToken.None);
        var assigned = await factory.Client.AssignAsync(new AssignmentRequest("line8", null, "pick-policy", "1.0.0", "pick", Group: "pickers"), CancellationToken.None);
        var first = await DesiredAsync(devices, 2, trusted);
        var late = await factory.Client.AddGroupMembersAsync("line8", "pickers", ["jetson-c", "jetson-a"], CancellationToken.None);
        var third = await DesiredAsync(devices, 1, trusted);

        Assert.True(joined.Succeeded && assigned.Succeeded && late.Succeeded, $"{joined.Message} {assigned.Message} {late.Message}");
        Assert.Equal(["jetson-a", "jetson-b"], first.Keys.Order());
        Assert.Equal("jetson-c", Assert.Single(third.Keys));
        Assert.All(first.Values.Concat(third.Values), s => Assert.Equal(("pick", "pick-policy", "1.0.0"), (s.Models[0].Slot, s.Models[0].ModelId, s.Models[0].Version)));
        var (group, _) = await factory.Client.GetGroupAsync("line8", "pickers", CancellationToken.None);
        Assert.Equal(["jetson-a", "jetson-b", "jetson-c"], group!.Devices);
        Assert.Equal("1.0.0", Assert.Single(group.Assignments).Version);
        var decisions = await factory.Host.Registry.Store.ListDecisionsAsync(0, CancellationToken.None);
        Assert.Equal(["package.pushed", "group.joined", "assignment.set", "group.joined"], decisions.Select(d => d.Action));
        Assert.Equal("pick-policy 1.0.0 -> line8/group:pickers/pick", decisions[2].Subject);
        Assert.All(decisions, d => Assert.Equal("test-actor", d.Actor));
    }

    [Fact]
    public async Task AssignDevice_AfterGroup_OverridesThatDeviceOnly_RemovedMemberKeepsWhatItRuns()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        await factory.Client.PushAsync(await factory.PackageAsync("1.0.0"), CancellationToken.None);
        await factory.Client.PushAsync(await factory.PackageAsync("1.1.0"), CancellationToken.None);
        await factory.Client.AddGroupMembersAsync("line7", "pickers", ["jetson-a", "jetson-b"], CancellationToken.None);
        await factory.Client.AssignAsync(new AssignmentRequest("line7", null, "pick-policy", "1.0.0", Group: "pickers"), CancellationToken.None);

        await factory.Client.AssignAsync(new AssignmentRequest("line7", "jetson-b", "pick-policy", "1.1.0"), CancellationToken.None);
        var left = await factory.Client.RemoveGroupMemberAsync("line7", "pickers", "jetson-a", CancellationToken.None);
        var notMember = await factory.Client.RemoveGroupMemberAsync("line7", "pickers", "jetson-a", CancellationToken.None);

        var store = factory.Host.Registry.Store;
        Assert.True(left.Succeeded, left.Message);
        Assert.Equal(RegistryOutcome.NotFound, notMember.Code);
        Assert.Equal("1.0.0", Assert.Single(await store.ListAssignmentsAsync("line7", "jetson-a", CancellationToken.None)).Version);
        Assert.Equal("1.1.0", Assert.Single(await store.ListAssignmentsAsync("line7", "jetson-b", CancellationToken.None)).Version);
    }

    [Fact]
    public async Task AssignGroup_RevokedUnknownOrAmbiguous_RefusedWithItsCode_AndALateMemberGetsNoRevokedVersion()
    {
        await using var factory = await TestFactory.StartAsync(broker);
        await factory.Client.PushAsync(await factory.PackageAsync(), CancellationToken.None);
        await factory.Client.AssignAsync(new AssignmentRequest("line7", null, "pick-policy", "1.0.0", Group: "pickers"), CancellationToken.None);
        await factory.Client.RevokeAsync(new RevocationRequest("pick-policy", "1.0.0", "drops parts"), CancellationToken.None);

        var revoked = await factory.Client.AssignAsync(new AssignmentRequest("line7", null, "pick-policy", "1.0.0", Group: "pickers"), CancellationToken.None);
        var unknown = await factory.Client.AssignAsync(new AssignmentRequest("line7", null, "pick-policy", "9.0.0", Group: "pickers"), CancellationToken.None);
        var both = await factory.Client.AssignAsync(new AssignmentRequest("line7", "jetson-a", "pick-policy", "1.0.0", Group: "pickers"), CancellationToken.None);
        var badName = await factory.Client.AddGroupMembersAsync("line7", "pickers", ["jetson/#"], CancellationToken.None);
        var late = await factory.Client.AddGroupMembersAsync("line7", "pickers", ["jetson-z"], CancellationToken.None);

        Assert.Equal(PassportErrorCodes.Revoked, revoked.Code);
        Assert.Equal(RegistryOutcome.NotFound, unknown.Code);
        Assert.Equal(RegistryOutcome.InvalidRequest, both.Code);
        Assert.Equal(RegistryOutcome.InvalidRequest, badName.Code);
        Assert.True(late.Succeeded, late.Message);
        Assert.Empty(await factory.Host.Registry.Store.ListAssignmentsAsync("line7", "jetson-z", CancellationToken.None));
    }

    private static async Task<Dictionary<string, DesiredModelSetMessage>> DesiredAsync(MqttClient devices, int count, TrustedKeys trusted)
    {
        var states = new Dictionary<string, DesiredModelSetMessage>(StringComparer.Ordinal);
        while (states.Count < count)
        {
            using var message = await Eventually.ReadUntilAsync(devices.Messages, m => m.Topic.EndsWith("/desired", StringComparison.Ordinal), "a desired state");
            Assert.Null(SignedDocuments.Check(message.Payload.Span, trusted));
            var state = JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.DesiredModelSetMessage)!;
            states[state.DeviceId] = state;
        }

        return states;
    }
}
