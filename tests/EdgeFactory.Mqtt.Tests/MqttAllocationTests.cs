using EdgeFactory.Testing;
using Xunit.Abstractions;

namespace EdgeFactory.Mqtt.Tests;

/// <summary>Allocation counts are per process for the receive path, so these run alone.</summary>
[CollectionDefinition(nameof(MqttAllocations), DisableParallelization = true)]
public sealed class MqttAllocations;

/// <summary>
/// Bytes allocated per message on each side stay within a budget: MQTTnet allocates its packets, tasks and received
/// arrays; ours (payload copies, acknowledgement waits, received-message objects) come from pools.
/// </summary>
[Collection(nameof(MqttAllocations))]
public sealed class MqttAllocationTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Measured: about 185 B per QoS 0 publish and 1,700 B per received message of 200 B, all of it MQTTnet's own (its
    // packets, tasks, body and payload arrays, message and event objects, topic strings; see docs/mqtt.md). The budgets
    // leave room for runtime variation and would fail if ours added a payload copy or an object per message.
    private const int PublishBudget = 320;
    private const int ReceiveBudget = 2_400;

    private readonly BrokerFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task PublishQos0_SteadyState_StaysWithinTheBudgetPerMessage()
    {
        await using var client = await _fixture.ConnectAsync();
        var payload = new byte[200];
        // Warm-up long enough for the JIT to tier up MQTTnet's send path too. Then three windows, judged by the
        // quietest: a per-message allocation shows in every window, one-off runtime work in only some.
        PublishSynchronously(client, payload, 30_000);
        var perMessage = Enumerable.Range(0, 3).Min(_ => PublishSynchronously(client, payload, 10_000) / 10_000.0);

        output.WriteLine($"publish, QoS 0: {perMessage:0} B/message");
        Assert.True(perMessage < PublishBudget, $"{perMessage:0} B per publish");
    }

    [Fact]
    public async Task ReceiveDispatch_MessagesDisposedByTheConsumer_StayWithinTheBudgetPerMessage()
    {
        const int count = 100_000;
        const int Warmup = 50_000;
        const int Windows = 2;
        await using var subscriber = await _fixture.ConnectAsync();
        await subscriber.SubscribeAsync("test/alloc/receive", MqttQos.AtMostOnce, null, CancellationToken.None);
        await using var publisher = await _fixture.ConnectAsync();
        var payload = new byte[200];
        var received = 0;

        var consumer = new Thread(() =>
        {
            var reader = subscriber.Messages;
            while (Volatile.Read(ref received) < (Windows * count) + Warmup)
            {
                if (reader.TryRead(out var message))
                {
                    message.Dispose();
                    Interlocked.Increment(ref received);
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }
        }) { IsBackground = true };
        consumer.Start();

        // Warm-up: grows the message pool to the number in flight at this rate and lets the JIT tier up.
        // Batches of 1,000 with the consumer catching up in between: steady state is a consumer that keeps up.
        _ = PublishInBatches(publisher, payload, Warmup, () => Volatile.Read(ref received));

        // The count is process-wide and includes the publisher: its own share is measured on its thread and taken off.
        // Two windows back to back, judged by the quieter, so one-off work of the test host does not decide.
        var receiving = long.MaxValue;
        for (var window = 0; window < Windows; window++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var start = Warmup + (window * count);
            var published = PublishInBatches(publisher, payload, count, () => Volatile.Read(ref received) - start);
            receiving = Math.Min(receiving, GC.GetTotalAllocatedBytes(precise: true) - before - published);
        }

        consumer.Join();
        var perMessage = receiving / (double)count;

        output.WriteLine($"receive, QoS 0, 200 B: {perMessage:0} B/message");
        Assert.True(perMessage < ReceiveBudget, $"{perMessage:0} B per received message");
    }

    private static long PublishInBatches(MqttClient client, byte[] payload, int count, Func<int> received)
    {
        long allocated = 0;
        for (var sent = 0; sent < count; sent += 1_000)
        {
            allocated += PublishSynchronously(client, payload, 1_000);
            while (received() < sent + 1_000)
            {
                Thread.SpinWait(100);
            }
        }

        return allocated;
    }

    private static long PublishSynchronously(MqttClient client, byte[] payload, int count)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            var pending = client.PublishAsync("test/alloc/receive", payload, MqttQos.AtMostOnce);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
