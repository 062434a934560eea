using System.Buffers.Binary;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

public sealed class MqttResilienceTests
{
    [Fact]
    public async Task BrokerRestart_QueuedQos1Publishes_AreAllDelivered()
    {
        const int Count = 2_000;
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        var subscriberOptions = new MqttClientOptions
        {
            Host = broker.Host, Port = broker.Port, ClientId = "outage-subscriber", CleanStart = false, SessionExpiry = TimeSpan.FromMinutes(5),
        };
        await using var subscriber = new MqttClient(subscriberOptions);
        await subscriber.ConnectAsync(CancellationToken.None);
        await subscriber.SubscribeAsync("outage/#", MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "outage-publisher" });
        var states = new List<MqttConnectionState>();
        publisher.StateChanged += (_, state) => { lock (states) { states.Add(state); } };
        await publisher.ConnectAsync(CancellationToken.None);

        await broker.StopAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => publisher.State == MqttConnectionState.Reconnecting, "the publisher to notice the outage");
        var acknowledged = new List<Task>(Count);
        for (var i = 0; i < Count; i++)
        {
            var payload = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            acknowledged.Add(publisher.PublishAsync($"outage/{i % 10}", payload, MqttQos.AtLeastOnce).AsTask());
        }

        await broker.RestartAsync(CancellationToken.None);
        await Task.WhenAll(acknowledged).WaitAsync(TimeSpan.FromMinutes(2));
        var seen = new Dictionary<int, int>();
        while (seen.Count < Count)
        {
            var message = await Eventually.ReadUntilAsync(subscriber.Messages, _ => true, $"message {seen.Count + 1} of {Count}");
            var id = BinaryPrimitives.ReadInt32BigEndian(message.Payload.Span);
            seen[id] = seen.GetValueOrDefault(id) + 1;
        }

        Assert.Equal(Count, seen.Count);
        var duplicates = seen.Values.Sum(n => n - 1);
        Assert.True(duplicates >= 0); // QoS 1 allows duplicates; the count is reported, none may be missing.
        Assert.Contains(MqttConnectionState.Reconnecting, states);
        Assert.Equal(MqttConnectionState.Connected, publisher.State);
    }

    [Fact]
    public async Task Disconnected_FailFast_ThrowsNotConnected()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        await using var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, OfflinePublishing = MqttOfflinePublishing.FailFast });
        await client.ConnectAsync(CancellationToken.None);

        await broker.KillAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => client.State == MqttConnectionState.Reconnecting, "the client to notice the broker died");
        var error = await Assert.ThrowsAsync<MqttException>(async () => await client.PublishAsync("a", "x"u8.ToArray(), MqttQos.AtLeastOnce));

        Assert.Equal(MqttErrorCode.NotConnected, error.Code);
    }

    [Fact]
    public async Task Disconnected_QueueFull_ThrowsQueueFull()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        await using var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, MaxPendingPublishes = 3 });
        await client.ConnectAsync(CancellationToken.None);
        await broker.KillAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => client.State == MqttConnectionState.Reconnecting, "the client to notice the broker died");

        var queued = Enumerable.Range(0, 3).Select(_ => client.PublishAsync("a", "x"u8.ToArray(), MqttQos.AtLeastOnce).AsTask()).ToList();
        var error = await Assert.ThrowsAsync<MqttException>(async () => await client.PublishAsync("a", "x"u8.ToArray(), MqttQos.AtLeastOnce));

        Assert.Equal(MqttErrorCode.QueueFull, error.Code);
        Assert.All(queued, t => Assert.False(t.IsCompleted));
    }

    [Fact]
    public async Task Publish_OverTheBrokersPacketLimit_ThrowsPayloadTooLarge()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions { MaxPacketSize = 1024 }, null, CancellationToken.None);
        await using var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port });
        await client.ConnectAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<MqttException>(async () => await client.PublishAsync("big", new byte[4096], MqttQos.AtLeastOnce));

        Assert.Equal(MqttErrorCode.PayloadTooLarge, error.Code);
        await client.PublishAsync("small", new byte[100], MqttQos.AtLeastOnce);
    }

    [Fact]
    public async Task SecondClientWithTheSameId_FirstHearsItsConnectionLost()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        var options = new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "one-id" };
        await using var first = new MqttClient(options);
        var lost = new TaskCompletionSource<MqttConnectionLostArguments>(TaskCreationOptions.RunContinuationsAsynchronously);
        first.ConnectionLost += (_, e) => lost.TrySetResult(e);
        await first.ConnectAsync(CancellationToken.None);

        await using var second = new MqttClient(options);
        await second.ConnectAsync(CancellationToken.None);
        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Mosquitto sends reason 0x8E from 2.0.15 on; Debian 12's 2.0.11 just closes the connection.
        Assert.Equal(reason.ReasonCode == 0x8E, reason.SessionTakenOver);
        Assert.False(string.IsNullOrEmpty(reason.Reason));
    }

    [Fact]
    public async Task BrokerStopped_ConnectionLostIsNotATakeover()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        await using var client = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "alone" });
        var lost = new TaskCompletionSource<MqttConnectionLostArguments>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionLost += (_, e) => lost.TrySetResult(e);
        await client.ConnectAsync(CancellationToken.None);

        await broker.KillAsync(CancellationToken.None);
        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(reason.SessionTakenOver);
    }

    [Fact]
    public async Task SharedSubscription_SplitsMessagesBetweenMembers()
    {
        const int Count = 200;
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        var options = new MqttClientOptions { Host = broker.Host, Port = broker.Port };
        await using var first = new MqttClient(options);
        await using var second = new MqttClient(options);
        await using var publisher = new MqttClient(options);
        foreach (var member in new[] { first, second })
        {
            await member.ConnectAsync(CancellationToken.None);
            await member.SubscribeAsync("$share/workers/jobs", MqttQos.AtLeastOnce, null, CancellationToken.None);
        }

        await publisher.ConnectAsync(CancellationToken.None);
        for (var i = 0; i < Count; i++)
        {
            await publisher.PublishAsync("jobs", BitConverter.GetBytes(i), MqttQos.AtLeastOnce);
        }

        var a = 0;
        var b = 0;
        await Eventually.TrueAsync(
            () =>
            {
                while (first.Messages.TryRead(out _)) { a++; }
                while (second.Messages.TryRead(out _)) { b++; }
                return a + b >= Count;
            },
            "every job to reach one member");

        Assert.Equal(Count, a + b);
        Assert.True(a > 0 && b > 0, $"both members get work (got {a} and {b})");
    }
}
