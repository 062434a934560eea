using System.Buffers.Binary;
using System.Diagnostics;
using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

/// <summary>Long runs that would expose leaks and loss; they assert counts and memory, never speed.</summary>
public sealed class MqttSoakTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Qos0_OneMillionMessages_AllArrive_AndMemoryStaysFlat()
    {
        const int Total = 1_000_000;
        const int Window = 5_000;
        var topic = $"soak/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync(fixture.ClientOptions() with { ReceiveCapacity = Window * 2 });
        await subscriber.SubscribeAsync(topic, MqttQos.AtMostOnce, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();
        var payload = new byte[200];
        var received = 0L;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in subscriber.Messages.ReadAllAsync())
            {
                if (Interlocked.Increment(ref received) == Total)
                {
                    return;
                }
            }
        });

        long rssAfterWarmUp = 0;
        for (var sent = 0; sent < Total; sent += Window)
        {
            for (var i = 0; i < Window; i++)
            {
                await publisher.PublishAsync(topic, payload, MqttQos.AtMostOnce);
            }

            // Paced by windows so loopback QoS 0 is not dropped by a full socket: the test is about leaks.
            var target = sent + Window;
            await Eventually.TrueAsync(() => Interlocked.Read(ref received) >= target, $"{target} messages received");
            if (sent == 100_000)
            {
                rssAfterWarmUp = CurrentRss();
            }
        }

        await reading.WaitAsync(TimeSpan.FromMinutes(1));
        var growth = CurrentRss() - rssAfterWarmUp;

        Assert.Equal(Total, Interlocked.Read(ref received));
        Assert.True(growth < 64L << 20, $"RSS grew by {growth >> 20} MiB after warm-up");
    }

    [Fact]
    public async Task Qos1_HundredThousandMessages_NoneLost()
    {
        const int Total = 100_000;
        var topic = $"soak/{Guid.NewGuid():N}";
        await using var subscriber = await fixture.ConnectAsync(fixture.ClientOptions() with { ReceiveCapacity = Total });
        await subscriber.SubscribeAsync(topic, MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var publisher = await fixture.ConnectAsync();

        var pending = new List<Task>(1_000);
        for (var i = 0; i < Total; i++)
        {
            var payload = new byte[200];
            BinaryPrimitives.WriteInt32BigEndian(payload, i);
            pending.Add(publisher.PublishAsync(topic, payload, MqttQos.AtLeastOnce).AsTask());
            if (pending.Count == 1_000)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        var seen = new bool[Total];
        var distinct = 0;
        while (distinct < Total)
        {
            var message = await Eventually.ReadUntilAsync(subscriber.Messages, _ => true, $"message {distinct + 1} of {Total}");
            var id = BinaryPrimitives.ReadInt32BigEndian(message.Payload.Span);
            if (!seen[id])
            {
                seen[id] = true;
                distinct++;
            }
        }

        Assert.All(seen, Assert.True);
    }

    private static long CurrentRss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
