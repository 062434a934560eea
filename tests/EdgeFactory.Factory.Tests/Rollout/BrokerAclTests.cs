using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Rollout;

/// <summary>The repository's site broker ACL (deploy/broker/site-broker.acl) on a real Mosquitto.</summary>
public sealed class BrokerAclTests : IAsyncLifetime
{
    private MosquittoBroker? _broker;

    public async Task InitializeAsync() =>
        _broker = await MosquittoBroker.StartAsync(new BrokerOptions { Users = RepositoryUsers() }, null, CancellationToken.None);

    public async Task DisposeAsync() => await _broker!.DisposeAsync();

    [Fact]
    public async Task Factory_WritesDesiredAndRevocations_EdgeReadsThem()
    {
        await using var edge = await ConnectAsync("edge");
        await edge.SubscribeAsync(Topics.EdgeDesired("line3", "jetson-a"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await edge.SubscribeAsync(Topics.FleetRevocations, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var factory = await ConnectAsync("factory");

        await factory.PublishAsync(Topics.EdgeDesired("line3", "jetson-a"), "{\"from\":\"factory\"}"u8.ToArray(), MqttQos.AtLeastOnce, retain: true, cancellationToken: CancellationToken.None);
        await factory.PublishAsync(Topics.FleetRevocations, "{\"from\":\"factory\"}"u8.ToArray(), MqttQos.AtLeastOnce, retain: true, cancellationToken: CancellationToken.None);

        using var desired = await Eventually.ReadUntilAsync(edge.Messages, m => m.Topic.EndsWith("/desired", StringComparison.Ordinal), "desired state");
        using var revocations = await Eventually.ReadUntilAsync(edge.Messages, m => m.Topic == Topics.FleetRevocations, "revocations");
    }

    [Fact]
    public async Task Edge_CannotWriteADesiredStateOrTheRevocationList()
    {
        await using var factory = await ConnectAsync("factory");
        await using var reader = await ConnectAsync("edge");
        await reader.SubscribeAsync(Topics.EdgeDesired("line3", "jetson-a"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await reader.SubscribeAsync(Topics.FleetRevocations, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var edge = await ConnectAsync("edge");

        var desired = await Assert.ThrowsAsync<MqttException>(async () => await edge.PublishAsync(Topics.EdgeDesired("line3", "jetson-a"), "{\"from\":\"edge\"}"u8.ToArray(), MqttQos.AtLeastOnce, retain: true, cancellationToken: CancellationToken.None));
        var revocations = await Assert.ThrowsAsync<MqttException>(async () => await edge.PublishAsync(Topics.FleetRevocations, "{\"from\":\"edge\"}"u8.ToArray(), MqttQos.AtLeastOnce, retain: true, cancellationToken: CancellationToken.None));
        Assert.Contains("not authorized", desired.Message, StringComparison.Ordinal);
        Assert.Contains("not authorized", revocations.Message, StringComparison.Ordinal);
        await factory.PublishAsync(Topics.EdgeDesired("line3", "jetson-a"), "{\"from\":\"factory\"}"u8.ToArray(), MqttQos.AtLeastOnce, retain: true, cancellationToken: CancellationToken.None);

        // The factory's message, published after the edge's, is the first to arrive: the broker dropped the edge's.
        using var first = await Eventually.ReadUntilAsync(reader.Messages, _ => true, "a message");
        Assert.Equal("{\"from\":\"factory\"}", System.Text.Encoding.UTF8.GetString(first.Payload.Span));
    }

    [Fact]
    public async Task Factories_ShareTelemetry_MesCannotReadIt()
    {
        await using var first = await ConnectAsync("factory");
        await using var second = await ConnectAsync("factory");
        await first.SubscribeAsync(Topics.SharedEdgeTelemetry("factory"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await second.SubscribeAsync(Topics.SharedEdgeTelemetry("factory"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var mes = await ConnectAsync("mes");
        await mes.SubscribeAsync(Topics.AnyEdgeTelemetry, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await mes.SubscribeAsync(Topics.AnyEdgeOnline("line3"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var edge = await ConnectAsync("edge");

        for (var i = 0; i < 20; i++)
        {
            await edge.PublishAsync(Topics.EdgeTelemetry("line3", "jetson-a"), System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), MqttQos.AtLeastOnce, cancellationToken: CancellationToken.None);
        }

        await edge.PublishAsync(Topics.EdgeOnline("line3", "jetson-a"), "{\"last\":true}"u8.ToArray(), MqttQos.AtLeastOnce, cancellationToken: CancellationToken.None);

        // Each window reaches exactly one of the two factories; the MES, whose ACL does not cover telemetry, sees only the presence.
        var received = 0;
        await Eventually.TrueAsync(() =>
        {
            while (first.Messages.TryRead(out var m) || second.Messages.TryRead(out m))
            {
                using (m)
                {
                    received++;
                }
            }

            return received >= 20;
        }, "20 telemetry windows across the two factories");
        using var presence = await Eventually.ReadUntilAsync(mes.Messages, _ => true, "a message");
        Assert.EndsWith("/online", presence.Topic, StringComparison.Ordinal);
        Assert.Equal(20, received);
    }

    private async Task<MqttClient> ConnectAsync(string user)
    {
        var client = new MqttClient(new MqttClientOptions { Host = _broker!.Host, Port = _broker.Port, ClientId = $"{user}-{Guid.NewGuid():N}", Username = user, Password = "pw" });
        await client.ConnectAsync(CancellationToken.None);
        return client;
    }

    private static List<BrokerUser> RepositoryUsers()
    {
        var users = new List<BrokerUser>();
        string? name = null;
        List<string> read = [], write = [], readWrite = [];
        foreach (var raw in File.ReadAllLines(RepositoryPaths.Of("deploy", "broker", "site-broker.acl")))
        {
            var words = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                continue;
            }

            if (words[0] == "user")
            {
                Flush();
                name = words[1];
                (read, write, readWrite) = ([], [], []);
            }
            else if (words is ["topic", var access, var topic])
            {
                (access switch { "read" => read, "write" => write, _ => readWrite }).Add(topic);
            }
        }

        Flush();
        return users;

        void Flush()
        {
            if (name is not null)
            {
                users.Add(new BrokerUser(name, "pw", readWrite, read, write));
            }
        }
    }
}
