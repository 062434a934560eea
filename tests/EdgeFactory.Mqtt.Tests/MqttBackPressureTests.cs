using System.Buffers.Binary;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

/// <summary>A full receive queue either holds the broker back (nothing lost) or drops and counts.</summary>
public sealed class MqttBackPressureTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task ReceiveQueueFull_Wait_HoldsTheRestAtTheBroker_AndLosesNothing()
    {
        const int Count = 300;
        const int Capacity = 10;
        var topic = $"pressure/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync(fixture.ClientOptions() with { ReceiveCapacity = Capacity, ReceiveMaximum = 5 });
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();
        for (var i = 0; i < Count; i++)
        {
            var payload = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            await publisher.PublishAsync(topic, payload, MqttQos.AtLeastOnce);
        }

        await Eventually.TrueAsync(() => subscriber.Messages.Count == Capacity, "the receive queue to fill");
        Assert.Equal(Capacity, subscriber.Messages.Count);

        for (var expected = 0; expected < Count; expected++)
        {
            using var message = await Eventually.ReadUntilAsync(subscriber.Messages, _ => true, $"message {expected}");
            Assert.Equal(expected, BinaryPrimitives.ReadInt32BigEndian(message.Payload.Span));
            Assert.True(subscriber.Messages.Count <= Capacity);
        }

        Assert.Equal(0, subscriber.DroppedMessages);
    }

    [Fact]
    public async Task ReceiveQueueFull_DropNewest_CountsWhatItDrops()
    {
        const int Count = 100;
        const int Capacity = 10;
        var topic = $"pressure/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync(fixture.ClientOptions() with { ReceiveCapacity = Capacity, ReceiveFullMode = MqttReceiveFullMode.DropNewest });
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();
        for (var i = 0; i < Count; i++)
        {
            await publisher.PublishAsync(topic, "x"u8.ToArray(), MqttQos.AtLeastOnce);
        }

        await Eventually.TrueAsync(() => subscriber.Messages.Count + subscriber.DroppedMessages == Count, "every message kept or counted");

        Assert.Equal(Capacity, subscriber.Messages.Count);
        Assert.Equal(Count - Capacity, subscriber.DroppedMessages);
    }

    [Fact]
    public async Task ReceiveQueueFull_Wait_DisconnectStillCompletes()
    {
        var topic = $"pressure/{Guid.NewGuid():N}";
        var subscriber = await fixture.ConnectAsync(fixture.ClientOptions() with { ReceiveCapacity = 2 });
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();
        for (var i = 0; i < 10; i++)
        {
            await publisher.PublishAsync(topic, "x"u8.ToArray(), MqttQos.AtLeastOnce);
        }

        await Eventually.TrueAsync(() => subscriber.Messages.Count == 2, "the receive queue to fill");

        // The outer limit only keeps a hang from stalling the run.
        await subscriber.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(MqttConnectionState.Disconnected, subscriber.State);
    }

    [Fact]
    public async Task ReceiveQueueFull_Wait_ConnectionLossIsNoticedAndRecovered()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions(), null, CancellationToken.None);
        var options = new MqttClientOptions { Host = broker.Host, Port = broker.Port, ReceiveCapacity = 2, ReconnectJitter = TimeSpan.Zero };
        await using var subscriber = new MqttClient(options with { ClientId = $"full-{Guid.NewGuid():N}" });
        await subscriber.ConnectAsync(CancellationToken.None);
        await subscriber.SubscribeAsync("full/#", MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = new MqttClient(options with { ClientId = $"full-pub-{Guid.NewGuid():N}" });
        await publisher.ConnectAsync(CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            await publisher.PublishAsync("full/a", "x"u8.ToArray(), MqttQos.AtLeastOnce);
        }

        await Eventually.TrueAsync(() => subscriber.Messages.Count == 2, "the receive queue to fill");
        await broker.KillAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => subscriber.State == MqttConnectionState.Reconnecting, "the subscriber to notice the broker died");
        await broker.RestartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => subscriber.State == MqttConnectionState.Connected, "the subscriber to reconnect");
    }
}
