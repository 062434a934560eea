using System.Data.Common;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Factory.Storage;
using EdgeFactory.Factory.Telemetry;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Factory.Tests.Telemetry;

/// <summary>Windows reach the broker's acknowledgement only once their batch is stored: one not stored comes again.</summary>
public sealed class IngestAcknowledgementTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-ingest-ack-").FullName;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task WindowsNotStored_AreNotAcknowledged_AndComeAgainToTheNextSession()
    {
        await using var store = new SwitchableStore(await TelemetryStores.OpenAsync(Path.Combine(_folder, "factory.db"), CancellationToken.None)) { Down = true };
        await using var edge = await broker.ConnectAsync();

        // First session: the database is down, so nothing is stored and nothing acknowledged.
        await using (var first = await StartAsync(store))
        {
            for (var sequence = 1; sequence <= 5; sequence++)
            {
                await edge.PublishAsync(Topics.EdgeTelemetry("s1", "d1"), Json(sequence), MqttQos.AtLeastOnce);
            }

            await Eventually.TrueAsync(() => first.Ingest.Counters.RefusedWith(TelemetryRefusals.StoreFailed) >= 5, "every window failed to store");
            Assert.Equal(0, first.Ingest.Counters.Stored);
        }

        // The next session of the same instance gets them again from the broker and stores them.
        store.Down = false;
        await using var second = await StartAsync(store);
        await Eventually.TrueAsync(() => second.Ingest.Counters.Stored == 5, "the windows came again and were stored");
        Assert.Equal([1L, 2L, 3L, 4L, 5L], (await store.ListWindowsAsync("s1", "d1", 0, CancellationToken.None)).Select(w => w.Sequence));
    }

    private async Task<RunningIngest> StartAsync(ITelemetryStore store)
    {
        var options = broker.ClientOptions("factory-ingest-ack") with { CleanStart = false, SessionExpiry = TimeSpan.FromHours(1), AcknowledgeWhenHandled = true };
        var client = await broker.ConnectAsync(options);
        var ingest = new TelemetryIngest(client, store, new Everyone(), new TelemetryIngestOptions { Workers = 2, BatchSize = 4 }, TimeProvider.System, NullLogger<TelemetryIngest>.Instance);
        await ingest.SubscribeAsync(CancellationToken.None);
        var stopping = new CancellationTokenSource();
        return new RunningIngest(client, ingest, stopping, ingest.RunAsync(stopping.Token));
    }

    private static byte[] Json(long sequence) => JsonSerializer.SerializeToUtf8Bytes(
        new TelemetryWindowMessage("d1", "s1", sequence, At.AddSeconds(sequence * 10), At.AddSeconds((sequence + 1) * 10), [new RobotWindow("c1", "none", 3, 0, 1080, 0)], 0, 0),
        ContractsJsonContext.Default.TelemetryWindowMessage);

    private sealed record RunningIngest(MqttClient Client, TelemetryIngest Ingest, CancellationTokenSource Stopping, Task Running) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stopping.CancelAsync();
            await Running;
            await Client.DisposeAsync();
            Stopping.Dispose();
        }
    }

    private sealed class Everyone : IDeviceDirectory
    {
        public ValueTask<bool> KnowsAsync(string site, string device, CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }

    private sealed class DatabaseDown() : DbException("the database is down");

    // The real store, with a switch that makes every write fail as a database that is down would.
    private sealed class SwitchableStore(ITelemetryStore store) : ITelemetryStore
    {
        public volatile bool Down;

        public Task InitializeAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

        public Task<TelemetryStoreOutcome> StoreAsync(TelemetryWindowRecord window, CancellationToken cancellationToken) =>
            Down ? throw new DatabaseDown() : store.StoreAsync(window, cancellationToken);

        public Task<IReadOnlyList<TelemetryStoreOutcome>> StoreBatchAsync(IReadOnlyList<TelemetryWindowRecord> windows, CancellationToken cancellationToken) =>
            Down ? throw new DatabaseDown() : store.StoreBatchAsync(windows, cancellationToken);

        public Task<IReadOnlyList<TelemetryDeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken) => store.ListDevicesAsync(cancellationToken);

        public Task<IReadOnlyList<SequenceGap>> ListGapsAsync(string site, string device, CancellationToken cancellationToken) => store.ListGapsAsync(site, device, cancellationToken);

        public Task<IReadOnlyList<TelemetryWindowRecord>> ListWindowsAsync(string site, string device, long afterSequence, CancellationToken cancellationToken) =>
            store.ListWindowsAsync(site, device, afterSequence, cancellationToken);

        public Task<IReadOnlyList<TelemetryWindowRecord>> ListWindowsEndingAsync(string site, string device, DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken) =>
            store.ListWindowsEndingAsync(site, device, after, until, cancellationToken);

        public ValueTask DisposeAsync() => store.DisposeAsync();
    }
}
