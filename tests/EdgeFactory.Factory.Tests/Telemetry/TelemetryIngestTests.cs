using System.Text;
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

public sealed class TelemetryIngestTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-ingest-").FullName;
    private ITelemetryStore? _store;
    private TelemetryIngest? _ingest;

    public async Task InitializeAsync()
    {
        _store = await TelemetryStores.OpenAsync(Path.Combine(_folder, "factory.db"), CancellationToken.None);
        var client = new MqttClient(new MqttClientOptions { ClientId = "unused" });
        _ingest = new TelemetryIngest(client, _store, new Known(("s1", "d1")), new TelemetryIngestOptions(), TimeProvider.System, NullLogger<TelemetryIngest>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _store!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Window_StoredOnce_TheRepeatIsCountedAndIgnored()
    {
        Assert.Null(await HandleAsync(Topics.EdgeTelemetry("s1", "d1"), Window(1)));
        Assert.Equal(TelemetryRefusals.Duplicate, await HandleAsync(Topics.EdgeTelemetry("s1", "d1"), Window(1)));

        Assert.Equal(1, _ingest!.Counters.Stored);
        Assert.Equal(1, _ingest.Counters.RefusedWith(TelemetryRefusals.Duplicate));
        Assert.Single(await _store!.ListWindowsAsync("s1", "d1", 0, CancellationToken.None));
    }

    [Theory]
    [InlineData("not json", TelemetryRefusals.InvalidJson)]
    [InlineData("{\"deviceId\":\"d1\"}", TelemetryRefusals.SchemaViolation)]
    [InlineData("OTHER_DEVICE", TelemetryRefusals.TopicMismatch)]
    [InlineData("UNKNOWN_DEVICE", TelemetryRefusals.UnknownDevice)]
    [InlineData("HUGE", TelemetryRefusals.TooLarge)]
    public async Task BadInput_IsRefusedWithItsCode_Counted_AndTheNextWindowIsStored(string payload, string code)
    {
        var topic = Topics.EdgeTelemetry("s1", "d1");
        var body = payload switch
        {
            "OTHER_DEVICE" => Window(1) with { DeviceId = "d2" },
            "UNKNOWN_DEVICE" => Window(1) with { DeviceId = "d9" },
            _ => null,
        };
        if (payload == "UNKNOWN_DEVICE")
        {
            topic = Topics.EdgeTelemetry("s1", "d9");
        }

        var bytes = body is not null ? Json(body) : payload == "HUGE" ? new byte[300 * 1024] : Encoding.UTF8.GetBytes(payload);

        Assert.Equal(code, await _ingest!.HandleAsync(topic, bytes, CancellationToken.None));
        Assert.Null(await HandleAsync(Topics.EdgeTelemetry("s1", "d1"), Window(2)));

        Assert.Equal(1, _ingest.Counters.RefusedWith(code));
        Assert.Equal(1, _ingest.Counters.Stored);
    }

    [Fact]
    public async Task Gaps_AreReportedPerDevice_UntilBackfilled()
    {
        foreach (var sequence in new[] { 1, 2, 6 })
        {
            await HandleAsync(Topics.EdgeTelemetry("s1", "d1"), Window(sequence));
        }

        Assert.Equal([new SequenceGap(3, 5)], await _store!.ListGapsAsync("s1", "d1", CancellationToken.None));

        await HandleAsync(Topics.EdgeTelemetry("s1", "d1"), Window(5) with { Summary = new WindowSummary(3, 3) });

        Assert.Empty(await _store.ListGapsAsync("s1", "d1", CancellationToken.None));
    }

    [Fact]
    public async Task Batch_BadWindowsAmongGoodOnes_AreRefusedAlone_TheRestStored()
    {
        var topic = Topics.EdgeTelemetry("s1", "d1");
        var batch = new[]
        {
            Message(topic, Json(Window(1))),
            Message(topic, Encoding.UTF8.GetBytes("not json")),
            Message(topic, Json(Window(2))),
            Message(topic, Json(Window(1))),
            Message(topic, Encoding.UTF8.GetBytes("{\"deviceId\":\"d1\"}")),
            Message(Topics.EdgeTelemetry("s1", "d9"), Json(Window(3) with { DeviceId = "d9" })),
            Message(topic, Json(Window(3))),
        };

        var codes = await _ingest!.HandleBatchAsync(batch, CancellationToken.None);

        Assert.Equal([null, TelemetryRefusals.InvalidJson, null, TelemetryRefusals.Duplicate, TelemetryRefusals.SchemaViolation, TelemetryRefusals.UnknownDevice, null], codes);
        Assert.Equal(3, _ingest.Counters.Stored);
        Assert.Equal(1, _ingest.Counters.RefusedWith(TelemetryRefusals.Duplicate));
        Assert.Equal(1, _ingest.Counters.RefusedWith(TelemetryRefusals.InvalidJson));
        Assert.Equal(1, _ingest.Counters.RefusedWith(TelemetryRefusals.SchemaViolation));
        Assert.Equal([1L, 2L, 3L], (await _store!.ListWindowsAsync("s1", "d1", 0, CancellationToken.None)).Select(w => w.Sequence));
    }

    [Fact]
    public async Task Batch_WindowsWrittenAnotherValidWay_AreDecidedByTheSchema()
    {
        // Escapes in names and an integer written with a fraction are valid JSON Schema input the one-pass reader leaves to the schema.
        var topic = Topics.EdgeTelemetry("s1", "d1");
        var escaped = Encoding.UTF8.GetString(Json(Window(1))).Replace("\"deviceId\"", "\"device\\u0049d\"", StringComparison.Ordinal);
        var fraction = Encoding.UTF8.GetString(Json(Window(2))).Replace("\"sequence\":2", "\"sequence\":2.0", StringComparison.Ordinal);

        var codes = await _ingest!.HandleBatchAsync([Message(topic, Encoding.UTF8.GetBytes(escaped)), Message(topic, Encoding.UTF8.GetBytes(fraction))], CancellationToken.None);

        Assert.Equal([null, TelemetryRefusals.SchemaViolation], codes);
        Assert.Equal([1L], (await _store!.ListWindowsAsync("s1", "d1", 0, CancellationToken.None)).Select(w => w.Sequence));
    }

    [Fact]
    public async Task Windows_AfterTheFirstFromTheirTopic_AreCheckedAsTheFirstWas()
    {
        // Once a topic's window is stored, its later windows take the way that reads only their identity: bad ones
        // are refused with the same codes all the same.
        var topic = Topics.EdgeTelemetry("s1", "d1");
        Assert.Null(await HandleAsync(topic, Window(1)));
        var batch = new[]
        {
            Message(topic, Json(Window(2) with { DeviceId = "d2" })),
            Message(topic, Json(Window(3) with { SiteId = "s2" })),
            Message(topic, Encoding.UTF8.GetBytes("not json")),
            Message(topic, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Json(Window(4))).Replace("\"sequence\":4", "\"sequence\":-4", StringComparison.Ordinal))),
            Message(topic, Json(Window(5) with { Summary = new WindowSummary(7, 2) })),
            Message(topic, Json(Window(1))),
            Message(topic, Json(Window(6))),
            Message(Topics.EdgeTelemetry("s1", "d9"), Json(Window(7))),
            Message(topic + "/x", Json(Window(8))),
            Message(topic, new byte[300 * 1024]),
        };

        var codes = await _ingest!.HandleBatchAsync(batch, CancellationToken.None);

        Assert.Equal(
            [TelemetryRefusals.TopicMismatch, TelemetryRefusals.TopicMismatch, TelemetryRefusals.InvalidJson, TelemetryRefusals.SchemaViolation,
             TelemetryRefusals.SchemaViolation, TelemetryRefusals.Duplicate, null, TelemetryRefusals.TopicMismatch, TelemetryRefusals.TopicMismatch, TelemetryRefusals.TooLarge],
            codes);
        Assert.Equal([1L, 6L], (await _store!.ListWindowsAsync("s1", "d1", 0, CancellationToken.None)).Select(w => w.Sequence));
        Assert.Equal(Encoding.UTF8.GetString(Json(Window(6))), Encoding.UTF8.GetString((await _store.ListWindowsAsync("s1", "d1", 5, CancellationToken.None))[0].Payload.Span));
    }

    [Fact]
    public async Task HandleBatch_KnownDevicesWindows_AllocateNothing()
    {
        // The steady state of a worker: its batch lists reused, windows of devices seen before, a store that keeps nothing.
        var devices = Enumerable.Range(0, 64).Select(d => ("s1", $"d{d}")).ToArray();
        var ingest = new TelemetryIngest(new MqttClient(new MqttClientOptions { ClientId = "unused" }), new Accepting(), new Known(devices), new TelemetryIngestOptions(), TimeProvider.System, NullLogger<TelemetryIngest>.Instance);
        var messages = devices.Select(d => Message(Topics.EdgeTelemetry(d.Item1, d.Item2), Json(Window(1) with { DeviceId = d.Item2 }))).ToArray();
        var batch = new TelemetryIngestBatch(messages.Length);
        await ingest.HandleBatchAsync(messages, batch, CancellationToken.None);
        Assert.All(batch.Codes, Assert.Null);

        var allocations = ThreadAllocations.Measure(() =>
        {
            for (var round = 0; round < 20; round++)
            {
                var handled = ingest.HandleBatchAsync(messages, batch, CancellationToken.None);
                Assert.True(handled.IsCompletedSuccessfully);
                handled.GetAwaiter().GetResult();
            }
        });

        Assert.True(allocations.Bytes == 0, $"{allocations} over {20 * messages.Length} windows");
        // Every window run stored its 20 batches (a window is run again when a collection or compilation happened in it).
        Assert.Equal((1 + (20 * allocations.Attempts)) * messages.Length, ingest.Counters.Stored);
    }

    private static MqttMessage Message(string topic, byte[] payload) => new(topic, payload, MqttQos.AtLeastOnce, false, null);

    private Task<string?> HandleAsync(string topic, TelemetryWindowMessage window) => _ingest!.HandleAsync(topic, Json(window), CancellationToken.None);

    private static byte[] Json(TelemetryWindowMessage window) => JsonSerializer.SerializeToUtf8Bytes(window, ContractsJsonContext.Default.TelemetryWindowMessage);

    private static TelemetryWindowMessage Window(long sequence) =>
        new("d1", "s1", sequence, At.AddSeconds(sequence * 10), At.AddSeconds((sequence + 1) * 10), [new RobotWindow("c1", "none", 3, 0, 1080, 0)], 0, 0);

    // Stores every window at once, keeping nothing.
    private sealed class Accepting : ITelemetryStore
    {
        private readonly Task<IReadOnlyList<TelemetryStoreOutcome>> _stored = Task.FromResult<IReadOnlyList<TelemetryStoreOutcome>>(new TelemetryStoreOutcome[64]);

        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<TelemetryStoreOutcome> StoreAsync(TelemetryWindowRecord window, CancellationToken cancellationToken) => Task.FromResult(TelemetryStoreOutcome.Stored);

        public Task<IReadOnlyList<TelemetryStoreOutcome>> StoreBatchAsync(IReadOnlyList<TelemetryWindowRecord> windows, CancellationToken cancellationToken) => _stored;

        public Task<IReadOnlyList<TelemetryDeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TelemetryDeviceRecord>>([]);

        public Task<IReadOnlyList<SequenceGap>> ListGapsAsync(string site, string device, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SequenceGap>>([]);

        public Task<IReadOnlyList<TelemetryWindowRecord>> ListWindowsAsync(string site, string device, long afterSequence, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TelemetryWindowRecord>>([]);

        public Task<IReadOnlyList<TelemetryWindowRecord>> ListWindowsEndingAsync(string site, string device, DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TelemetryWindowRecord>>([]);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Known(params (string Site, string Device)[] devices) : IDeviceDirectory
    {
        public ValueTask<bool> KnowsAsync(string site, string device, CancellationToken cancellationToken) => ValueTask.FromResult(devices.Contains((site, device)));
    }
}
