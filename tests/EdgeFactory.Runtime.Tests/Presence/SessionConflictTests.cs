using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Tests.Intake;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Presence;

public sealed class SessionConflictTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task AnotherClientTakesTheSession_EdgeStopsAcceptingAndLeavesTheBroker()
    {
        await using var site = await SiteHarness.StartAsync(fixture, "  - id: c1\n    kind: conveyor\n    simulation: { step_time: 10ms, jitter: 0 }\n");
        var edgeClient = site.Client;

        // A second client with the edge's id, reconnecting on its own as the edge does: they take the session from each other.
        await using var intruder = await fixture.ConnectAsync(fixture.ClientOptions(site.ClientId) with { CleanStart = false, SessionExpiry = TimeSpan.FromMinutes(5) });

        await Eventually.TrueAsync(() => site.SessionConflicted, "the edge noticed the conflict", TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => edgeClient.State == MqttConnectionState.Disconnected, "the edge left the broker");
        await Eventually.TrueAsync(() => intruder.State == MqttConnectionState.Connected, "the other client keeps the session");
        Assert.Equal(0, site.IntakeRestarts);
    }
}
