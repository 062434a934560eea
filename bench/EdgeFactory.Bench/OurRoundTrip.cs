using System.Diagnostics;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;

namespace EdgeFactory.Bench;

/// <summary>Publish → broker → subscriber through our MQTT client: messages per second for a burst of <c>messages</c>.</summary>
internal static class OurRoundTrip
{
    /// <param name="broker">Broker both clients use.</param>
    /// <param name="topic">Topic of this run.</param>
    /// <param name="qos">QoS of publish and subscription.</param>
    /// <param name="messages">Messages to send.</param>
    /// <param name="payloadBytes">Size of each.</param>
    /// <param name="maxInflight">The clients' in-flight limit.</param>
    /// <param name="window">Unacknowledged publishes the publisher keeps before waiting for the oldest.</param>
    /// <param name="receiveCapacity">The subscriber's receive queue.</param>
    public static async Task<double> MeasureAsync(MosquittoBroker broker, string topic, MqttQos qos, int messages, int payloadBytes, int maxInflight, int window, int receiveCapacity)
    {
        var options = new MqttClientOptions { Host = broker.Host, Port = broker.Port, MaxInflight = maxInflight, ReceiveCapacity = receiveCapacity };
        await using var subscriber = new MqttClient(options);
        await using var publisher = new MqttClient(options);
        await subscriber.ConnectAsync(CancellationToken.None);
        await subscriber.SubscribeAsync(topic, qos, null, CancellationToken.None);
        await publisher.ConnectAsync(CancellationToken.None);
        var payload = new byte[payloadBytes];
        var receiving = Task.Run(async () =>
        {
            for (var n = 0; n < messages; n++)
            {
                // Handled: back to the client's pool, as a consumer in the product does.
                (await subscriber.Messages.ReadAsync()).Dispose();
            }
        });

        var clock = Stopwatch.StartNew();
        // A sliding window of unacknowledged publishes, as mosquitto_pub keeps: the oldest is awaited
        // only when the window is full, so the pipeline never drains.
        // The ValueTasks are kept as they are: each is awaited once, and only the oldest gets a
        // continuation, so acknowledgements that arrive before they are awaited cost no thread hop.
        var pending = new Queue<ValueTask>();
        for (var i = 0; i < messages; i++)
        {
            var publish = publisher.PublishAsync(topic, payload, qos);
            if (publish.IsCompletedSuccessfully)
            {
                // Completed at once (QoS 0, or a PUBACK that beat the caller): still consumed, so a pooled
                // acknowledgement goes back to its pool.
                publish.GetAwaiter().GetResult();
                continue;
            }

            pending.Enqueue(publish);
            if (pending.Count > window)
            {
                await pending.Dequeue();
            }
        }

        while (pending.TryDequeue(out var publish))
        {
            await publish;
        }

        await receiving.WaitAsync(TimeSpan.FromMinutes(5));
        clock.Stop();
        return messages / clock.Elapsed.TotalSeconds;
    }
}
