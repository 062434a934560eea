using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Factory;
using EdgeFactory.Factory.Access;
using EdgeFactory.Factory.Http;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;

namespace EdgeFactory.Bench;

/// <summary>
/// The issue's rollout: one factory and N simulated edges in this process (each its own MQTT connection and model
/// delivery agent with real verification), one model assigned to all through a group; time from the assignment until
/// every edge reports it running. The peer: the same N HTTP clients fetching the same bytes into the same storage with
/// no verification and no MQTT. A second peer is the floor for any delivery that checks hashes: the same fetch with
/// each file's SHA-256 computed as its bytes arrive (nothing else). On a machine whose few cores stand in for a
/// thousand devices, the hashing alone is a fixed share over plain HTTP; ours against the floor says what the rest of
/// the delivery (MQTT, signatures, staging, reports) costs. Rounds rotate which goes first; each rollout uses fresh
/// edge folders and a new site.
/// </summary>
internal sealed class FleetRolloutBench(BenchReport report, string[] args)
{
    private const string Model = "bench-fleet-model";
    private readonly int _edges = BenchArguments.Option(args, "--edges", 1000);
    private readonly int _rounds = BenchArguments.Option(args, "--fleet-rounds", 5);
    private readonly int _megabytes = BenchArguments.Option(args, "--model-mb", 5);

    public async Task RunAsync()
    {
        // Each simulated edge stands for a device with its own disk; on one machine they share one, so their folders
        // live in memory (tmpfs) where there is one, for ours and for the peer alike.
        var root = Directory.CreateTempSubdirectory("ef-bench-fleet-").FullName;
        var storage = Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", Path.GetFileName(root)) : Path.Combine(root, "edges");
        Directory.CreateDirectory(storage);
        try
        {
            await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions { Persistence = false }, null, CancellationToken.None);
            using var publisher = SigningKey.Generate();
            using var signer = SigningKey.Generate();
            var (publisherKey, _) = publisher.Save(Path.Combine(root, "factory-key"));
            Directory.CreateDirectory(Path.Combine(root, "trust"));
            await File.WriteAllTextAsync(Path.Combine(root, "trust", signer.KeyId + SigningKey.PublicKeyExtension), signer.PublicKeyPem());
            var token = await ApiTokens.IssueAsync(Path.Combine(root, "tokens"), "bench", CancellationToken.None);
            await using var factory = await FactoryHost.StartAsync(
                new FactoryOptions
                {
                    Http = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
                    Broker = new MqttBrokerAddress(broker.Host, broker.Port, false),
                    DataDirectory = Path.Combine(root, "factory"),
                    SigningKey = publisherKey,
                    TrustDirectory = Path.Combine(root, "trust"),
                    TokensFile = Path.Combine(root, "tokens"),
                },
                null,
                TimeProvider.System,
                CancellationToken.None);
            using var adminHttp = new HttpClient { BaseAddress = factory.Address, Timeout = TimeSpan.FromMinutes(10) };
            var admin = new FactoryClient(adminHttp, "bench", token);
            using var factoryKeys = TrustedKeys.FromPem([("factory", publisher.PublicKeyPem())]);
            using var passportKeys = TrustedKeys.FromPem([("signer", signer.PublicKeyPem())]);

            Console.WriteLine($"rollout bench: {_edges} edges, one {_megabytes} MB model by group, a warm-up and {_rounds} alternating rounds; edge storage {storage}, broker {broker.Url}");
            var edges = new SimulatedEdge[_edges];
            var connecting = Stopwatch.StartNew();
            for (var i = 0; i < _edges; i += 50)
            {
                var batch = Enumerable.Range(i, Math.Min(50, _edges - i)).Select(async n => edges[n] = await SimulatedEdge.ConnectAsync($"edge-{n:D4}", broker.Host, broker.Port));
                await Task.WhenAll(batch);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {_edges} MQTT connections in {connecting.Elapsed.TotalSeconds:0.0} s"));
            await using var observer = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "bench-observer", ReceiveCapacity = 100_000 });
            await observer.ConnectAsync(CancellationToken.None);
            try
            {
                var ours = new List<(double Seconds, double Cpu)>();
                var plain = new List<(double Seconds, double Cpu)>();
                var hashing = new List<(double Seconds, double Cpu)>();
                // Round 0 warms both sides up (the JIT, the connection pools, the factory's first rollout) and is not counted:
                // cold, ours ran twice as long as in any later round while plain HTTP's few code paths barely changed.
                for (var round = 0; round <= _rounds; round++)
                {
                    var version = $"1.0.{round}";
                    var package = await PackageAsync(root, version, signer);
                    var pushed = await admin.PushAsync(package, CancellationToken.None);
                    if (!pushed.Succeeded)
                    {
                        throw new InvalidOperationException(pushed.Message);
                    }

                    var url = new Uri(factory.Address, $"v1/packages/{Model}/{version}/model.onnx");
                    // Rotate the order, so none of the three always runs first (or after the same one).
                    foreach (var side in Enumerable.Range(0, 3).Select(k => (k + round) % 3))
                    {
                        switch (side)
                        {
                            case 0:
                                ours.Add(await OursAsync(admin, observer, edges, storage, round, version, factoryKeys, passportKeys));
                                break;
                            case 1:
                                plain.Add(await PlainAsync(edges, storage, url, hash: false));
                                break;
                            default:
                                hashing.Add(await PlainAsync(edges, storage, url, hash: true));
                                break;
                        }
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(round == 0 ? "warm-up round" : $"round {round}")}: ours {ours[^1].Seconds:0.00} s, plain HTTP {plain[^1].Seconds:0.00} s, plain HTTP + SHA-256 {hashing[^1].Seconds:0.00} s; ratio ours/plain {ours[^1].Seconds / plain[^1].Seconds:0.00}, ours/floor {ours[^1].Seconds / hashing[^1].Seconds:0.00}"));
                    if (round == 0)
                    {
                        ours.Clear();
                        plain.Clear();
                        hashing.Clear();
                    }
                }

                var name = $"fleet-{_edges}-edges-{_megabytes}MB";
                var (oursSeconds, plainSeconds) = (BenchReport.Median(ours.Select(o => o.Seconds)), BenchReport.Median(plain.Select(p => p.Seconds)));
                report.Add(name, "all-running", "s", oursSeconds, plainSeconds);
                report.Add(name, "throughput", "MB/s", _edges * _megabytes / oursSeconds, _edges * _megabytes / plainSeconds);

                // CPU time of this process (factory, edges, clients; not the broker): steadier than wall time on a shared machine.
                report.Add(name, "cpu", "s", BenchReport.Median(ours.Select(o => o.Cpu)), BenchReport.Median(plain.Select(p => p.Cpu)));

                // The same two figures against the hashing floor (plain HTTP + SHA-256 as the bytes arrive).
                var floor = $"fleet-{_edges}-vs-sha256-floor";
                report.Add(floor, "all-running", "s", oursSeconds, BenchReport.Median(hashing.Select(h => h.Seconds)));
                report.Add(floor, "cpu", "s", BenchReport.Median(ours.Select(o => o.Cpu)), BenchReport.Median(hashing.Select(h => h.Cpu)));
            }
            finally
            {
                foreach (var edge in edges.Where(e => e is not null))
                {
                    await edge.DisposeAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            if (Directory.Exists(storage))
            {
                Directory.Delete(storage, recursive: true);
            }
        }
    }

    private async Task<(double Seconds, double Cpu)> OursAsync(FactoryClient admin, MqttClient observer, SimulatedEdge[] edges, string storage, int round, string version, TrustedKeys factoryKeys, TrustedKeys passportKeys)
    {
        var site = $"bench-r{round}";
        var joined = await admin.AddGroupMembersAsync(site, "all", [.. edges.Select(e => e.Device)], CancellationToken.None);
        if (!joined.Succeeded)
        {
            throw new InvalidOperationException(joined.Message);
        }

        foreach (var edge in edges)
        {
            edge.Start(site, Path.Combine(storage, "ours", edge.Device), factoryKeys, passportKeys);
        }

        await observer.SubscribeAsync($"ef/v1/{site}/edges/+/reported", MqttQos.AtLeastOnce, null, CancellationToken.None);

        // Let every agent restore (nothing yet) and subscribe before the clock starts.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var running = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var refused = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var gc = GcCounts.Now();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var assigned = await admin.AssignAsync(new AssignmentRequest(site, null, Model, version, "policy", Group: "all"), CancellationToken.None);
        if (!assigned.Succeeded)
        {
            throw new InvalidOperationException(assigned.Message);
        }

        var published = Stopwatch.GetElapsedTime(started).TotalSeconds;

        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (running.Count < edges.Length)
        {
            using var message = await observer.Messages.ReadAsync(limit.Token);
            if (!message.Topic.StartsWith($"ef/v1/{site}/", StringComparison.Ordinal))
            {
                continue;
            }

            var report = JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.ReportedStateMessage)!;
            if (report.Models.Any(m => m.Version == version))
            {
                running.TryAdd(report.DeviceId, true);
            }
            else if (report.Problems is { Count: > 0 } problems)
            {
                refused[report.DeviceId] = problems[0];
                if (refused.Count + running.Count >= edges.Length)
                {
                    throw new InvalidOperationException($"{refused.Count} edges refused the model, e.g. {refused.First().Key}: {refused.First().Value}");
                }
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ours: the factory had published every desired state after {published:0.00} s, all running after {seconds:0.00} s, {cpu.TotalSeconds:0.0} CPU s in this process; {GcCounts.Now() - gc}"));
        foreach (var edge in edges)
        {
            await edge.StopAsync();
        }

        Directory.Delete(Path.Combine(storage, "ours"), recursive: true);
        return (seconds, cpu.TotalSeconds);
    }

    // `hash`: compute each file's SHA-256 as its bytes arrive, which is all a verifying delivery must add per byte.
    private static async Task<(double Seconds, double Cpu)> PlainAsync(SimulatedEdge[] edges, string storage, Uri url, bool hash)
    {
        var folder = Path.Combine(storage, hash ? "hashing" : "plain");
        Directory.CreateDirectory(folder);
        var gc = GcCounts.Now();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(edges.Select(async edge =>
        {
            using var response = await edge.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var file = new FileStream(Path.Combine(folder, edge.Device), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await using (file)
            {
                if (!hash)
                {
                    await response.Content.CopyToAsync(file);
                    return;
                }

                using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var body = await response.Content.ReadAsStreamAsync();

                // A pooled buffer, as plain HTTP's copy and the edge's download use: the floor adds the hash and nothing else.
                var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
                await using (body)
                {
                    try
                    {
                        int read;
                        while ((read = await body.ReadAsync(buffer)) > 0)
                        {
                            sha256.AppendData(buffer, 0, read);
                            await file.WriteAsync(buffer.AsMemory(0, read));
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }

                _ = sha256.GetHashAndReset();
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    plain HTTP{(hash ? " + SHA-256" : string.Empty)}: {seconds:0.00} s, {cpu.TotalSeconds:0.0} CPU s in this process; {GcCounts.Now() - gc}"));
        Directory.Delete(folder, recursive: true);
        return (seconds, cpu.TotalSeconds);
    }

    private async Task<string> PackageAsync(string root, string version, SigningKey key)
    {
        var source = Path.Combine(root, $"source-{version}", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        var bytes = new byte[_megabytes << 20];
        new Random(version.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
        await File.WriteAllBytesAsync(source, bytes);
        var package = Path.Combine(root, $"package-{version}");
        await PackageWriter.WriteAsync(
            source,
            new PassportDraft(Model, version, [new PassportTensor("x", "float32", [1, 64])], [new PassportTensor("y", "float32", [1, 8])], 17, "bench",
                new PassportProvenance("", "", "bench"), ["*"], TimeSpan.FromDays(1)),
            key,
            package,
            TimeProvider.System,
            CancellationToken.None);
        return package;
    }
}
