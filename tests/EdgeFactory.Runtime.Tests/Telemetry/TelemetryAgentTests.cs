using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Telemetry;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Runtime.Tests.Telemetry;

/// <summary>The agent against a real Mosquitto that goes away and comes back.</summary>
public sealed class TelemetryAgentTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-telemetry-agent-").FullName;
    private readonly BrokerFixture _broker = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _broker.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task BrokerOutage_WindowsKeptOnDisk_ThenBackfilledInOrder_NoneLost()
    {
        await using var factory = await SubscribeAsync();
        var (agent, client) = await StartAgentAsync(new TelemetryOptions { MaxInFlight = 4, RetryDelay = TimeSpan.FromMilliseconds(50) });
        await using (client)
        await using (agent)
        {
            Produce(agent, 5);
            await Eventually.TrueAsync(() => agent.AcknowledgedThrough == 5, "the first windows acknowledged");

            await _broker.Broker.StopAsync(CancellationToken.None);
            Produce(agent, 20);
            Assert.True(agent.Backlog >= 20);

            await _broker.Broker.RestartAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => agent.AcknowledgedThrough == 25 && agent.Backlog == 0, "the backlog sent", TimeSpan.FromSeconds(60));
        }

        var received = await ReadAsync(factory, 25);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), received.Select(w => w.Sequence).Distinct().Order());
        Assert.Equal(received.Select(w => w.Sequence).Distinct(), received.Select(w => w.Sequence).Distinct().Order());
    }

    [Fact]
    public async Task Restart_SendsWhatWasNotAcknowledged_AndNumbersOn()
    {
        await _broker.Broker.StopAsync(CancellationToken.None);
        var (agent, client) = await StartAgentAsync(new TelemetryOptions(), connect: false);
        Produce(agent, 3);
        await agent.DisposeAsync();
        await client.DisposeAsync();
        await _broker.Broker.RestartAsync(CancellationToken.None);
        await using var factory = await SubscribeAsync();

        var (again, client2) = await StartAgentAsync(new TelemetryOptions());
        await using (client2)
        await using (again)
        {
            Produce(again, 1);
            await Eventually.TrueAsync(() => again.Backlog == 0, "everything acknowledged");
        }

        // Three windows made while the broker was away, the last partial one closed at stop, then one more.
        var received = await ReadAsync(factory, 5);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], received.Select(w => w.Sequence).Distinct().Order());
    }

    [Fact]
    public async Task Bound_WhileTheBrokerIsAway_MergesTheOldest_AndEveryWindowArrivesOnce()
    {
        await using var factory = await SubscribeAsync();
        var (agent, client) = await StartAgentAsync(new TelemetryOptions { MaxStoredWindows = 10, MergeBatch = 4, RetryDelay = TimeSpan.FromMilliseconds(50) });
        await using (client)
        await using (agent)
        {
            await _broker.Broker.StopAsync(CancellationToken.None);
            Produce(agent, 30);
            Assert.True(agent.Backlog <= 10 + 4);
            Assert.True(agent.Merged > 0);
            await _broker.Broker.RestartAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => agent.Backlog == 0, "the backlog sent", TimeSpan.FromSeconds(60));
        }

        var received = (await ReadAsync(factory, 1)).Concat(Drain(factory)).DistinctBy(w => w.Sequence).OrderBy(w => w.Sequence).ToList();
        var covered = received.SelectMany(w => Enumerable.Range((int)(w.Summary?.FirstSequence ?? w.Sequence), (int)(w.Sequence - (w.Summary?.FirstSequence ?? w.Sequence) + 1)));
        // 30 windows; the 31st, closed when the agent stopped, waits on disk for the next start.
        Assert.Equal(Enumerable.Range(1, 30), covered);
    }

    private void Produce(TelemetryAgent agent, int windows)
    {
        for (var i = 0; i < windows; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            Assert.NotNull(agent.CloseWindow());
        }
    }

    private async Task<(TelemetryAgent Agent, MqttClient Client)> StartAgentAsync(TelemetryOptions options, bool connect = true)
    {
        var client = new MqttClient(_broker.ClientOptions("edge-d1") with { CleanStart = false, SessionExpiry = TimeSpan.FromHours(1), ReconnectDelay = TimeSpan.FromSeconds(1), ReconnectDelayMax = TimeSpan.FromSeconds(2), ReconnectJitter = TimeSpan.Zero });
        if (connect)
        {
            await client.ConnectAsync(CancellationToken.None);
        }

        var aggregator = new TelemetryAggregator(["c1"], new FakeProbe(), _time);
        // Windows are closed by the test (CloseWindow), not by the timer: a long window keeps the timer out of the way.
        var agent = new TelemetryAgent(options with { Window = TimeSpan.FromDays(1) }, Path.Combine(_folder, "telemetry.db"), "s1", "d1", aggregator, client, _time, NullLogger<TelemetryAgent>.Instance);
        await agent.StartAsync(CancellationToken.None);
        return (agent, client);
    }

    private async Task<MqttClient> SubscribeAsync()
    {
        var client = await _broker.ConnectAsync(_broker.ClientOptions("factory") with { CleanStart = false, SessionExpiry = TimeSpan.FromHours(1), ReconnectDelay = TimeSpan.FromSeconds(1), ReconnectDelayMax = TimeSpan.FromSeconds(2), ReconnectJitter = TimeSpan.Zero });
        await client.SubscribeAsync(Topics.AnyEdgeTelemetry, MqttQos.AtLeastOnce, null, CancellationToken.None);
        return client;
    }

    private static async Task<List<TelemetryWindowMessage>> ReadAsync(MqttClient client, int atLeast)
    {
        var received = new List<TelemetryWindowMessage>();
        await Eventually.TrueAsync(() =>
        {
            received.AddRange(Drain(client));
            return received.Select(w => w.Sequence).Distinct().Count() >= atLeast;
        }, $"{atLeast} windows", TimeSpan.FromSeconds(60));
        return received;
    }

    private static List<TelemetryWindowMessage> Drain(MqttClient client)
    {
        var received = new List<TelemetryWindowMessage>();
        while (client.Messages.TryRead(out var message))
        {
            using (message)
            {
                received.Add(JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.TelemetryWindowMessage)!);
            }
        }

        return received;
    }
}
