using System.Collections.Concurrent;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

/// <summary>Whether the broker kept the session is reported on every connection, and subscriptions come back when it did not.</summary>
public sealed class MqttSessionTests
{
    [Fact]
    public async Task Connect_PersistentSessionResumed_ReportsSessionPresent()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        var options = new MqttClientOptions
        {
            Host = broker.Host, Port = broker.Port, ClientId = $"session-{Guid.NewGuid():N}", CleanStart = false, SessionExpiry = TimeSpan.FromMinutes(5),
        };
        var first = new List<MqttConnectedArguments>();
        await using (var client = new MqttClient(options))
        {
            client.Connected += (_, arguments) => first.Add(arguments);
            await client.ConnectAsync(CancellationToken.None);
            Assert.False(client.SessionPresent);
            await client.DisconnectAsync(CancellationToken.None);
        }

        var second = new List<MqttConnectedArguments>();
        await using var resumed = new MqttClient(options);
        resumed.Connected += (_, arguments) => second.Add(arguments);
        await resumed.ConnectAsync(CancellationToken.None);

        Assert.Equal([new MqttConnectedArguments(SessionPresent: false, IsReconnect: false)], first);
        Assert.Equal([new MqttConnectedArguments(SessionPresent: true, IsReconnect: false)], second);
        Assert.True(resumed.SessionPresent);
    }

    [Fact]
    public async Task BrokerRestartWithoutPersistence_ReconnectReportsNoSession_AndSubscriptionsAreRestored()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions { Persistence = false }, null, CancellationToken.None);
        var options = new MqttClientOptions
        {
            Host = broker.Host, Port = broker.Port, ClientId = $"restored-{Guid.NewGuid():N}", CleanStart = false,
            SessionExpiry = TimeSpan.FromMinutes(5), ReconnectJitter = TimeSpan.Zero,
        };
        await using var subscriber = new MqttClient(options);
        var connections = new ConcurrentQueue<MqttConnectedArguments>();
        subscriber.Connected += (_, arguments) => connections.Enqueue(arguments);
        await subscriber.ConnectAsync(CancellationToken.None);
        await subscriber.SubscribeAsync("restored/#", MqttQos.AtLeastOnce, null, CancellationToken.None);

        await broker.StopAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => subscriber.State == MqttConnectionState.Reconnecting, "the subscriber to notice the outage");
        await broker.RestartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Count == 2 && subscriber.State == MqttConnectionState.Connected, "the subscriber to reconnect");
        await using var publisher = new MqttClient(options with { ClientId = $"publisher-{Guid.NewGuid():N}", CleanStart = true, SessionExpiry = TimeSpan.Zero });
        await publisher.ConnectAsync(CancellationToken.None);
        await publisher.PublishAsync("restored/a", "after"u8.ToArray(), MqttQos.AtLeastOnce);

        var message = await Eventually.ReadUntilAsync(subscriber.Messages, m => m.Topic == "restored/a", "a message on the restored subscription");
        Assert.Equal(new MqttConnectedArguments(SessionPresent: false, IsReconnect: true), connections.Last());
        Assert.False(subscriber.SessionPresent);
        Assert.Equal("after"u8.ToArray(), message.Payload.ToArray());
    }

    [Fact]
    public async Task Connect_BrokerAcceptsButNeverAnswers_ThrowsBrokerUnreachableWithinTheTimeout()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        await using var client = new MqttClient(new MqttClientOptions { Port = port, ConnectTimeout = TimeSpan.FromSeconds(1) });

        // The outer limit only keeps a hang from stalling the run; the client must give up on its own.
        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(MqttErrorCode.BrokerUnreachable, error.Code);
        Assert.Equal(MqttConnectionState.Disconnected, client.State);
    }
}
