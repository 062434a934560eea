using System.Buffers.Binary;
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
}
