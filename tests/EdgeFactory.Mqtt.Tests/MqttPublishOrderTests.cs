using System.Buffers.Binary;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

/// <summary>
/// Publishes from many threads at once, with acknowledgements freeing the in-flight window meanwhile: one thread at a
/// time hands them to MQTTnet, so each publisher's messages arrive once each and in its order.
/// </summary>
public sealed class MqttPublishOrderTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public async Task PublishAsync_ManyThreadsAtOnce_EachPublishersMessagesArriveOnceInOrder(int maxInflight)
    {
        const int Publishers = 6;
        const int PerPublisher = 400;
        var topic = $"order/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync(fixture.ClientOptions() with { ReceiveCapacity = Publishers * PerPublisher });
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync(fixture.ClientOptions() with { MaxInflight = maxInflight });

        using var start = new Barrier(Publishers);
        var publishing = Enumerable.Range(0, Publishers).Select(p => Task.Run(async () =>
        {
            start.SignalAndWait();
            var acknowledged = new List<Task>(PerPublisher);
            for (var i = 0; i < PerPublisher; i++)
            {
                var payload = new byte[8];
                BinaryPrimitives.WriteInt32BigEndian(payload, p);
                BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(4), i);
                acknowledged.Add(publisher.PublishAsync(topic, payload, MqttQos.AtLeastOnce).AsTask());
            }

            await Task.WhenAll(acknowledged);
        })).ToArray();
        await Task.WhenAll(publishing).WaitAsync(TimeSpan.FromMinutes(1));

        var next = new int[Publishers];
        for (var n = 0; n < Publishers * PerPublisher; n++)
        {
            using var message = await Eventually.ReadUntilAsync(subscriber.Messages, _ => true, $"message {n}");
            var from = BinaryPrimitives.ReadInt32BigEndian(message.Payload.Span);
            Assert.Equal(next[from]++, BinaryPrimitives.ReadInt32BigEndian(message.Payload.Span[4..]));
        }

        Assert.All(next, count => Assert.Equal(PerPublisher, count));
        Assert.Equal(0, publisher.PendingPublishes);
    }
}
