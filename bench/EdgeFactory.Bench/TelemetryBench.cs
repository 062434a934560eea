using System.Diagnostics;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Factory;
using EdgeFactory.Factory.Access;
using EdgeFactory.Factory.Storage;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Testing;

namespace EdgeFactory.Bench;

/// <summary>
/// Telemetry ingest at saturation: <c>--edges</c> simulated edges (1,000) each send <c>--windows</c> windows per phase (60;
/// a window is 10 s of the edge's time; they are sent as fast as the broker takes them) to two factory instances sharing
/// the subscription on one throwaway PostgreSQL (<c>--fsync 1</c>, as deployed; <c>0</c> for the test fixture's setting).
/// The factories start once and run through every round, as deployed factories run for days: each round's windows
/// carry the next sequences of the same edges, so a phase measures a running factory's ingest, not its start-up (new
/// connections, fresh database backends, the first calls of its code). Peer: the broker-only ceiling, the same messages
/// to two clients with the same session kind and flow control as the factory's (persistent sessions, acknowledged once
/// taken) that do nothing else; the factories leave their share group while it runs. <c>--rounds</c> alternating
/// rounds (odd rounds measure the ceiling first, even ones ours) after <c>--warmups</c> (8) not counted; medians
/// reported, with each process's CPU per window.
/// </summary>
internal sealed class TelemetryBench(BenchReport report, string[] args)
{
    private const int Publishers = 20;
    private readonly int _edges = BenchArguments.Option(args, "--edges", 1_000);
    private readonly int _windows = BenchArguments.Option(args, "--windows", 60);
    private readonly int _rounds = BenchArguments.Option(args, "--rounds", 9);
    private readonly int _warmups = BenchArguments.Option(args, "--warmups", 8);
    private readonly bool _durable = BenchArguments.Option(args, "--fsync", 1) != 0;
    private readonly Factory.Telemetry.TelemetryIngestOptions _ingest = new()
    {
        Workers = BenchArguments.Option(args, "--workers", 8),
        BatchSize = BenchArguments.Option(args, "--batch", 64),
    };

    public async Task RunAsync()
    {
        var root = Directory.CreateTempSubdirectory("ef-bench-telemetry-").FullName;
        var postgres = new PostgresFixture { Durable = _durable };
        try
        {
            await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions { Persistence = false }, null, CancellationToken.None);
            await postgres.InitializeAsync();
            var total = _edges * _windows;
            var database = await postgres.CreateDatabaseAsync();
            await AssignAsync(database);
            var factories = await StartFactoriesAsync(broker, database, root);
            var processes = new BenchProcesses(ProcessCpu.Find("mosquitto", broker.DataDirectory), postgres.ServerProcessId);
            Console.WriteLine($"telemetry bench: {_edges} edges x {_windows} windows = {total} windows per phase ({Payload(0, 1).Length} bytes each), {Publishers} publisher connections, two factory instances on PostgreSQL (fsync {(_durable ? "on" : "off")}) running through every round, {_ingest.Workers} workers x batches of {_ingest.BatchSize}, {_rounds} alternating rounds after {_warmups} not counted");

            var ceilings = new List<BenchPhase>();
            var ours = new List<(BenchPhase Phase, double P99, long Lost, long Duplicates)>();
            try
            {
                // Rounds not counted first, so neither side pays for starting up (JIT and its later tiers, connection pools,
                // the broker's sessions): with one, the first counted round still cost both sides up to twice the CPU per window.
                var batch = 0;
                for (var warmup = 1; warmup <= _warmups; warmup++, batch++)
                {
                    var messages = Messages(batch);
                    await CeilingAsync(broker, factories, messages, processes, -warmup);
                    await IngestAsync(broker, database, factories, messages, batch, processes);
                }

                for (var round = 0; round < _rounds; round++, batch++)
                {
                    var messages = Messages(batch);
                    if (round % 2 == 0)
                    {
                        ceilings.Add(await CeilingAsync(broker, factories, messages, processes, round));
                        ours.Add(await IngestAsync(broker, database, factories, messages, batch, processes));
                    }
                    else
                    {
                        ours.Add(await IngestAsync(broker, database, factories, messages, batch, processes));
                        ceilings.Add(await CeilingAsync(broker, factories, messages, processes, round));
                    }

                    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"round {round + 1} ({(round % 2 == 0 ? "ceiling first" : "ours first")}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}): ours {ours[^1].Phase.Rate:0} windows/s, ceiling {ceilings[^1].Rate:0} msgs/s, ratio {ours[^1].Phase.Rate / ceilings[^1].Rate:0.00}, p99 {ours[^1].P99:0} ms"));
                    Console.WriteLine($"  ours:    {ours[^1].Phase}");
                    Console.WriteLine($"  ceiling: {ceilings[^1]}");
                }
            }
            finally
            {
                foreach (var factory in factories)
                {
                    await factory.DisposeAsync();
                }
            }

            var ratios = ours.Zip(ceilings, (o, c) => o.Phase.Rate / c.Rate).ToList();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"median of the rounds' ratios: {BenchReport.Median(ratios):0.00}"));
            var @case = $"{_edges}-edges";
            report.Add(@case, "windows/s", "1/s", BenchReport.Median(ours.Select(o => o.Phase.Rate)), BenchReport.Median(ceilings.Select(c => c.Rate)));
            report.Add(@case, "publish-stored-p99", "ms", BenchReport.Median(ours.Select(o => o.P99)));
            report.Add(@case, "lost", "windows", ours.Max(o => o.Lost));
            report.Add(@case, "dup-after-dedup", "windows", ours.Max(o => o.Duplicates));
            report.Add(@case, "cpu-own-process", "us/win", BenchReport.Median(ours.Select(o => o.Phase.OwnMicros)), BenchReport.Median(ceilings.Select(c => c.OwnMicros)));
            report.Add(@case, "cpu-broker", "us/win", BenchReport.Median(ours.Select(o => o.Phase.BrokerMicros)), BenchReport.Median(ceilings.Select(c => c.BrokerMicros)));
            report.Add(@case, "cpu-postgresql", "us/win", BenchReport.Median(ours.Select(o => o.Phase.DatabaseMicros)), BenchReport.Median(ceilings.Select(c => c.DatabaseMicros)));
            report.Add(@case, "allocated", "B/win", BenchReport.Median(ours.Select(o => o.Phase.AllocatedBytes)), BenchReport.Median(ceilings.Select(c => c.AllocatedBytes)));
        }
        finally
        {
            await postgres.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task<BenchPhase> CeilingAsync(MosquittoBroker broker, IReadOnlyList<FactoryHost> factories, IReadOnlyList<(string Topic, byte[] Payload, int Edge, long Sequence)> messages, BenchProcesses processes, int round)
    {
        // The factories' group would take the same messages too: they leave it for the phase and come back after it.
        foreach (var factory in factories)
        {
            await factory.Ingest.LeaveAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }

        var received = 0L;
        var subscribers = new List<MqttClient>();
        var readers = new List<Task>();
        var filter = $"$share/ceiling/{Topics.AnyEdgeTelemetry}";
        using var stop = new CancellationTokenSource();
        for (var i = 0; i < 2; i++)
        {
            // The factory's session kind and flow control: persistent, acknowledged once taken, the same receive maximum.
            var client = new MqttClient(Options(broker, $"ceiling-r{round + 1}-{i}") with
            {
                CleanStart = false,
                SessionExpiry = TimeSpan.FromDays(1),
                AcknowledgeWhenHandled = true,
                ReceiveCapacity = _ingest.Workers * _ingest.BatchSize,
                ReceiveMaximum = Math.Min(65_535, 2 * _ingest.Workers * _ingest.BatchSize),
            });
            await client.ConnectAsync(CancellationToken.None);
            await client.SubscribeAsync(filter, MqttQos.AtLeastOnce, null, CancellationToken.None);
            subscribers.Add(client);
            readers.Add(ReadAllAsync(client, () => Interlocked.Increment(ref received), stop.Token));
        }

        await JitSettling.WaitAsync(CancellationToken.None);
        var before = processes.Sample();
        var clock = Stopwatch.StartNew();
        await PublishAsync(broker, messages, null);
        while (Interlocked.Read(ref received) < messages.Count && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(5);
        }

        var phase = processes.Since(before, messages.Count / clock.Elapsed.TotalSeconds, messages.Count);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        foreach (var client in subscribers)
        {
            // Leaves the group, so the broker keeps nothing for these sessions in later rounds.
            await client.UnsubscribeAsync(filter, CancellationToken.None);
            await client.DisposeAsync();
        }

        foreach (var factory in factories)
        {
            await factory.Ingest.SubscribeAsync(CancellationToken.None);
        }

        return phase;
    }

    private async Task<List<FactoryHost>> StartFactoriesAsync(MosquittoBroker broker, string database, string root)
    {
        using var key = SigningKey.Generate();
        var (keyFile, _) = key.Save(Path.Combine(root, "key"));
        Directory.CreateDirectory(Path.Combine(root, "trust"));
        await ApiTokens.IssueAsync(Path.Combine(root, "tokens"), "bench", CancellationToken.None);
        var factories = new List<FactoryHost>();
        for (var i = 1; i <= 2; i++)
        {
            factories.Add(await FactoryHost.StartAsync(
                new FactoryOptions
                {
                    Http = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
                    Broker = new MqttBrokerAddress(broker.Host, broker.Port, false),
                    Database = database,
                    DataDirectory = Path.Combine(root, $"f{i}"),
                    SigningKey = keyFile,
                    TrustDirectory = Path.Combine(root, "trust"),
                    TokensFile = Path.Combine(root, "tokens"),
                    InstanceId = $"bench-f{i}",
                    Ingest = _ingest,
                },
                null,
                TimeProvider.System,
                CancellationToken.None));
        }

        return factories;
    }

    // One phase of `messages` (the edges' windows of batch `batch`) into the running factories.
    private async Task<(BenchPhase Phase, double P99, long Lost, long Duplicates)> IngestAsync(MosquittoBroker broker, string database, IReadOnlyList<FactoryHost> factories, IReadOnlyList<(string Topic, byte[] Payload, int Edge, long Sequence)> messages, int batch, BenchProcesses processes)
    {
        var published = new long[messages.Count];
        var storedBefore = factories.Sum(f => f.Ingest.Counters.Stored);
        await JitSettling.WaitAsync(CancellationToken.None);
        var before = processes.Sample();
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        await PublishAsync(broker, messages, published);
        while (factories.Sum(f => f.Ingest.Counters.Stored) - storedBefore < messages.Count && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(20);
        }

        var stored = factories.Sum(f => f.Ingest.Counters.Stored) - storedBefore;
        var cpu = processes.Since(before, stored / clock.Elapsed.TotalSeconds, messages.Count);

        // Read back after the phase: this batch's sequences of every edge.
        await using var store = await TelemetryStores.OpenAsync(database, CancellationToken.None);
        var latencies = new List<double>(messages.Count);
        var rows = 0L;
        var last = start;
        var firstSequence = (long)batch * _windows;
        for (var edge = 0; edge < _edges; edge++)
        {
            foreach (var window in await store.ListWindowsAsync("bench", Device(edge), firstSequence, CancellationToken.None))
            {
                rows++;
                last = window.StoredAt > last ? window.StoredAt : last;
                latencies.Add((window.StoredAt.ToUnixTimeMilliseconds() - published[(edge * _windows) + (int)(window.Sequence - firstSequence) - 1]) * 1.0);
            }
        }

        latencies.Sort();
        var p99 = latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.99) - 1)];
        return (cpu with { Rate = rows / (last - start).TotalSeconds }, p99, messages.Count - rows, stored - rows);
    }

    private static async Task PublishAsync(MosquittoBroker broker, IReadOnlyList<(string Topic, byte[] Payload, int Edge, long Sequence)> messages, long[]? published)
    {
        var clients = new List<MqttClient>();
        for (var i = 0; i < Publishers; i++)
        {
            var client = new MqttClient(Options(broker, $"edges-{i}-{Guid.NewGuid():N}"));
            await client.ConnectAsync(CancellationToken.None);
            clients.Add(client);
        }

        // Each connection carries every Publishers-th edge; windows go out in sequence order per edge.
        await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            var acks = new List<Task>();
            for (var i = 0; i < messages.Count; i++)
            {
                if (messages[i].Edge % Publishers != c)
                {
                    continue;
                }

                if (published is not null)
                {
                    published[i] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                }

                acks.Add(client.PublishAsync(messages[i].Topic, messages[i].Payload, MqttQos.AtLeastOnce).AsTask());
            }

            await Task.WhenAll(acks);
        })));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task ReadAllAsync(MqttClient client, Action counted, CancellationToken stop)
    {
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stop))
            {
                await message.AcknowledgeAsync();
                message.Dispose();
                counted();
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    // Batch `batch` of every edge's windows (the sequences after the batches before it), ordered edge by edge, then
    // sequence: index = edge * windows + sequence - first sequence of the batch.
    private List<(string Topic, byte[] Payload, int Edge, long Sequence)> Messages(int batch)
    {
        var messages = new List<(string, byte[], int, long)>(_edges * _windows);
        for (var edge = 0; edge < _edges; edge++)
        {
            for (var sequence = ((long)batch * _windows) + 1; sequence <= (long)(batch + 1) * _windows; sequence++)
            {
                messages.Add((Topics.EdgeTelemetry("bench", Device(edge)), Payload(edge, sequence), edge, sequence));
            }
        }

        return messages;
    }

    // One edge's window `sequence`: two robots' figures, 10 s of the edge's time.
    private static byte[] Payload(int edge, long sequence)
    {
        var start = new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero).AddSeconds(sequence * 10);
        var window = new TelemetryWindowMessage(Device(edge), "bench", sequence, start, start.AddSeconds(10),
        [
            new RobotWindow("cell-1", "pick-policy@1.4.0", 3, 0, 1080, 1, new LatencySummary(3, 3120.5, 3410, 3410, 3410), new LatencySummary(3, 1.8, 2.4, 2.4, 2.4), 0.42, 7142.9),
            new RobotWindow("belt-1", "none", 3, 0, 1080, 0, new LatencySummary(3, 900, 950, 950, 950), null, 0.1, 30_000),
        ], 0, 0);
        return JsonSerializer.SerializeToUtf8Bytes(window, ContractsJsonContext.Default.TelemetryWindowMessage);
    }

    private async Task AssignAsync(string database)
    {
        await using var registry = await RegistryStores.OpenAsync(database, CancellationToken.None);
        for (var edge = 0; edge < _edges; edge++)
        {
            await registry.SetAssignmentAsync(new AssignmentRecord("bench", Device(edge), "pick", "pick-policy", "1.4.0", false), CancellationToken.None);
        }
    }

    private static string Device(int edge) => $"edge-{edge:D4}";

    private static MqttClientOptions Options(MosquittoBroker broker, string clientId) => new() { Host = broker.Host, Port = broker.Port, ClientId = clientId, MaxInflight = 1_000 };
}
