using System.Buffers;
using System.Net;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Mqtt.Transport;
using MQTTnet;
using Net = MQTTnet;

namespace EdgeFactory.Bench;

/// <summary>
/// Bytes allocated per message through our client, and through MQTTnet alone over the same transport (a reused
/// message object, a handler that does nothing): the difference is ours. Publish side: on the publishing thread.
/// Receive side: the whole process while a subscriber takes messages, less the publisher's own share.
/// </summary>
internal static class MqttAllocations
{
    private const int Warmup = 20_000;
    private const int Batch = 1_000;

    /// <summary>Bytes per QoS 0 publish and per received message, through our client.</summary>
    public static async Task<(double Publish, double Receive)> OursAsync(MosquittoBroker broker, int messages, int payloadBytes)
    {
        var options = new Mqtt.MqttClientOptions { Host = broker.Host, Port = broker.Port, ReceiveCapacity = 10_000 };
        await using var subscriber = new Mqtt.MqttClient(options);
        await using var publisher = new Mqtt.MqttClient(options);
        await subscriber.ConnectAsync(CancellationToken.None);
        await subscriber.SubscribeAsync("bench/alloc/ours", MqttQos.AtMostOnce, null, CancellationToken.None);
        await publisher.ConnectAsync(CancellationToken.None);
        var received = 0;
        var consumer = Task.Run(async () =>
        {
            await foreach (var message in subscriber.Messages.ReadAllAsync())
            {
                message.Dispose();
                if (Interlocked.Increment(ref received) == Warmup + messages)
                {
                    return;
                }
            }
        });
        var payload = new byte[payloadBytes];
        void Publish()
        {
            var pending = publisher.PublishAsync("bench/alloc/ours", payload, MqttQos.AtMostOnce);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }
        }

        var result = Measure(Publish, () => Volatile.Read(ref received), messages);
        await consumer.WaitAsync(TimeSpan.FromMinutes(1));
        return result;
    }

    /// <summary>The same through MQTTnet alone.</summary>
    public static async Task<(double Publish, double Receive)> MqttNetAloneAsync(MosquittoBroker broker, int messages, int payloadBytes)
    {
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        using var publisher = factory.CreateMqttClient();
        var received = 0;
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(Options(broker, "bench-alloc-sub"));
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptions { TopicFilters = [new Net.Packets.MqttTopicFilter { Topic = "bench/alloc/alone" }] });
        await publisher.ConnectAsync(Options(broker, "bench-alloc-pub"));
        var message = new MqttApplicationMessage { Topic = "bench/alloc/alone", Payload = new ReadOnlySequence<byte>(new byte[payloadBytes]) };
        void Publish()
        {
            var pending = publisher.PublishAsync(message);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.GetAwaiter().GetResult();
            }
        }

        var result = Measure(Publish, () => Volatile.Read(ref received), messages);
        await publisher.DisconnectAsync();
        await subscriber.DisconnectAsync();
        return result;
    }

    private static Net.MqttClientOptions Options(MosquittoBroker broker, string clientId) => new()
    {
        ClientId = clientId,
        ProtocolVersion = Net.Formatter.MqttProtocolVersion.V500,
        AllowPacketFragmentation = true,
        ChannelOptions = new MqttClientTcpOptions { RemoteEndpoint = new DnsEndPoint(broker.Host, broker.Port), StreamProvider = SocketStreamProvider.Instance },
    };

    private static (double Publish, double Receive) Measure(Action publish, Func<int> received, int messages)
    {
        PublishInBatches(publish, received, 0, Warmup);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var published = PublishInBatches(publish, received, Warmup, messages);
        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (published / (double)messages, (total - published) / (double)messages);
    }

    /// <summary>Batches with the consumer catching up in between: steady state is a consumer that keeps up.</summary>
    private static long PublishInBatches(Action publish, Func<int> received, int alreadyReceived, int count)
    {
        long allocated = 0;
        for (var sent = 0; sent < count; sent += Batch)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Batch; i++)
            {
                publish();
            }

            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            var target = alreadyReceived + sent + Batch;
            var spin = new SpinWait();
            while (received() < target)
            {
                spin.SpinOnce(sleep1Threshold: 20);
            }
        }

        return allocated;
    }
}
