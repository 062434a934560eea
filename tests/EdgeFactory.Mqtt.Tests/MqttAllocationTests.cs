using EdgeFactory.Testing;

namespace EdgeFactory.Mqtt.Tests;

/// <summary>Allocation counts are per process for the receive path, so these run alone.</summary>
[CollectionDefinition(nameof(MqttAllocations), DisableParallelization = true)]
public sealed class MqttAllocations;

/// <summary>Publishing and dispatching received messages allocate nothing in steady state.</summary>
[Collection(nameof(MqttAllocations))]
public sealed class MqttAllocationTests : IAsyncLifetime
{
    private readonly BrokerFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task PublishQos0_SteadyState_AllocatesNothingOnTheCallingThread()
    {
        await using var client = await _fixture.ConnectAsync();
        var payload = new byte[200];
        for (var i = 0; i < 1_000; i++)
        {
            await client.PublishAsync("test/alloc/publish", payload, MqttQos.AtMostOnce);
        }

        var allocated = PublishSynchronously(client, payload, 10_000);

        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task ReceiveDispatch_MessagesDisposedByTheConsumer_AllocateNothingPerMessage()
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

        // Warm-up: grows the message pool to the number in flight at this rate, fills the topic cache and channel
        // buffers, and lets the JIT tier up.
        // Batches of 1,000 with the consumer catching up in between: steady state is a consumer that keeps up.
        _ = PublishInBatches(publisher, payload, Warmup, () => Volatile.Read(ref received));

        // The count is process-wide, and the test host does one-off work of its own on other threads (it serializes
        // test results with reflection and compiled expressions: about 1 MB, seen with an allocation-tick listener).
        // Two windows back to back, judged by the quieter: per-message allocation would show in both.
        var allocated = long.MaxValue;
        long publisherAllocated = 0;
        for (var window = 0; window < Windows; window++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var start = Warmup + (window * count);
            publisherAllocated += PublishInBatches(publisher, payload, count, () => Volatile.Read(ref received) - start);
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        consumer.Join();

        Assert.Equal(0, publisherAllocated);
        // Unpooled, each message costs an object and a payload array (> 250 bytes). What remains is the test host's
        // own background work during the window (timers, the broker fixture's log reader), which does not grow with
        // the message count: under one byte per message, where unpooled receiving needs 25 MB.
        Assert.True(allocated < count, $"{allocated:N0} bytes allocated for {count:N0} messages");
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
