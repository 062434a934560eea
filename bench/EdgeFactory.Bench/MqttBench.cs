using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using EdgeFactory.Inference.Benchmarking;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;

namespace EdgeFactory.Bench;

/// <summary>
/// Round trip publish → broker → subscriber through our client and through Mosquitto's own
/// clients (<c>mosquitto_pub -l</c> into <c>mosquitto_sub -C</c>) on the same broker, same
/// payloads, alternating rounds; then our latency at a paced offered rate.
/// </summary>
internal sealed class MqttBench(BenchReport report, string[] args)
{
    private const int PayloadBytes = 200;
    private const int MaxInflight = 100;
    private readonly int _messages = BenchArguments.Option(args, "--messages", 100_000);
    private readonly int _rounds = BenchArguments.Option(args, "--rounds", 5);
    private string? _linesFile;

    public async Task RunAsync()
    {
        await using var broker = await MosquittoBroker.StartAsync(new BrokerOptions { Persistence = false }, null, CancellationToken.None);
        _linesFile = Path.Combine(broker.DataDirectory, "lines.txt");
        // mosquitto_pub -l sends each line without its newline: PayloadBytes characters per message.
        await File.WriteAllLinesAsync(_linesFile, Enumerable.Repeat(new string('x', PayloadBytes), _messages));
        Console.WriteLine($"mqtt bench: {_messages:N0} messages of {PayloadBytes} B, {_rounds} alternating rounds, broker {broker.Url}");

        foreach (var qos in new[] { MqttQos.AtMostOnce, MqttQos.AtLeastOnce })
        {
            var ours = new List<double>();
            var peer = new List<double>();
            for (var round = 0; round < _rounds; round++)
            {
                // Alternate which goes first so drift on a shared machine hits both alike.
                if (round % 2 == 0)
                {
                    ours.Add(await OursAsync(broker, qos, round));
                    peer.Add(await PeerAsync(broker, qos, round));
                }
                else
                {
                    peer.Add(await PeerAsync(broker, qos, round));
                    ours.Add(await OursAsync(broker, qos, round));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  qos{(int)qos} round {round + 1}: ours {ours[^1]:N0} msg/s, mosquitto clients {peer[^1]:N0} msg/s"));
            }

            report.Add($"roundtrip-qos{(int)qos}", "throughput", "msg/s", BenchReport.Median(ours), BenchReport.Median(peer));
        }

        // Latency at a paced rate, once per round from a collected heap, so one noisy round cannot decide the figure.
        var p50 = new List<double>();
        var p99 = new List<double>();
        for (var round = 0; round < _rounds; round++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var latencies = await LatencyAsync(broker, ratePerSecond: 5_000, seconds: 4);
            p50.Add(LatencySample.Percentile(latencies, 0.50));
            p99.Add(LatencySample.Percentile(latencies, 0.99));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency round {round + 1}: p50 {p50[^1]:0.###} ms, p99 {p99[^1]:0.###} ms"));
        }

        report.Add("latency-5k-qos1", "p50", "ms", BenchReport.Median(p50));
        report.Add("latency-5k-qos1", "p99", "ms", BenchReport.Median(p99));

        // Bytes per message, ours against MQTTnet alone over the same transport (the difference is ours), alternating.
        var ourPublish = new List<double>();
        var ourReceive = new List<double>();
        var alonePublish = new List<double>();
        var aloneReceive = new List<double>();
        for (var round = 0; round < _rounds; round++)
        {
            var (publish, receive) = await MqttAllocations.OursAsync(broker, _messages, PayloadBytes);
            ourPublish.Add(publish);
            ourReceive.Add(receive);
            (publish, receive) = await MqttAllocations.MqttNetAloneAsync(broker, _messages, PayloadBytes);
            alonePublish.Add(publish);
            aloneReceive.Add(receive);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  bytes round {round + 1}: publish ours {ourPublish[^1]:0} B/msg, MQTTnet alone {alonePublish[^1]:0}; receive ours {ourReceive[^1]:0} B/msg, MQTTnet alone {aloneReceive[^1]:0}"));
        }

        report.Add("bytes-publish-qos0", "allocated, peer = MQTTnet alone", "B/msg", BenchReport.Median(ourPublish), BenchReport.Median(alonePublish));
        report.Add("bytes-receive-qos0", "allocated, peer = MQTTnet alone", "B/msg", BenchReport.Median(ourReceive), BenchReport.Median(aloneReceive));
    }

    private Task<double> OursAsync(MosquittoBroker broker, MqttQos qos, int round) =>
        OurRoundTrip.MeasureAsync(broker, $"bench/ours/{round}/{(int)qos}", qos, _messages, PayloadBytes, MaxInflight, window: MaxInflight * 10, receiveCapacity: 100_000);

    private async Task<double> PeerAsync(MosquittoBroker broker, MqttQos qos, int round)
    {
        var topic = $"bench/peer/{round}/{(int)qos}";
        var ready = $"bench/peer-ready/{round}/{(int)qos}";
        var port = broker.Port.ToString(CultureInfo.InvariantCulture);
        var q = ((int)qos).ToString(CultureInfo.InvariantCulture);
        // A retained marker tells us the moment mosquitto_sub's subscription is in place.
        await RunAsync("mosquitto_pub", ["-h", broker.Host, "-p", port, "-t", ready, "-m", "ready", "-r", "-q", "1"]);
        using var sub = Start("mosquitto_sub", ["-h", broker.Host, "-p", port, "-q", q, "-t", ready, "-t", topic, "-C", (_messages + 1).ToString(CultureInfo.InvariantCulture)]);
        var first = await sub.StandardOutput.ReadLineAsync();
        if (first != "ready")
        {
            throw new InvalidOperationException($"mosquitto_sub printed '{first}' first");
        }

        var drain = sub.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var clock = Stopwatch.StartNew();
        using var pub = Start("mosquitto_pub", ["-h", broker.Host, "-p", port, "-q", q, "-M", MaxInflight.ToString(CultureInfo.InvariantCulture), "-t", topic, "-l"]);
        // mosquitto_pub -l disconnects at end of input without waiting for its QoS 1 queue to drain,
        // so its stdin stays open until mosquitto_sub has everything.
        await using (var input = File.OpenRead(_linesFile!))
        {
            await input.CopyToAsync(pub.StandardInput.BaseStream);
            await pub.StandardInput.BaseStream.FlushAsync();
        }

        await sub.WaitForExitAsync();
        clock.Stop();
        pub.StandardInput.Close();
        await pub.WaitForExitAsync();
        await drain;
        await RunAsync("mosquitto_pub", ["-h", broker.Host, "-p", port, "-t", ready, "-n", "-r", "-q", "1"]);
        return _messages / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double[]> LatencyAsync(MosquittoBroker broker, int ratePerSecond, int seconds)
    {
        var options = new MqttClientOptions { Host = broker.Host, Port = broker.Port, MaxInflight = MaxInflight };
        await using var subscriber = new MqttClient(options);
        await using var publisher = new MqttClient(options);
        await subscriber.ConnectAsync(CancellationToken.None);
        await subscriber.SubscribeAsync("bench/latency", MqttQos.AtLeastOnce, null, CancellationToken.None);
        await publisher.ConnectAsync(CancellationToken.None);
        var total = ratePerSecond * seconds;
        var samples = new double[total];
        var receiving = Task.Run(async () =>
        {
            for (var n = 0; n < total; n++)
            {
                var message = await subscriber.Messages.ReadAsync();
                var sentAt = BinaryPrimitives.ReadInt64LittleEndian(message.Payload.Span);
                samples[n] = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
                message.Dispose();
            }
        });

        var payload = new byte[PayloadBytes];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            // Open-loop pacing: message i goes at start + i/rate, whatever happened before.
            var due = start + (long)(i * (double)Stopwatch.Frequency / ratePerSecond);
            // Yield rather than spin: on a small machine a spinning pacer takes the core the broker and the
            // network threads need, and its own stalls would show up as latency.
            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.Yield();
            }

            BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
            _ = publisher.PublishAsync("bench/latency", payload, MqttQos.AtLeastOnce);
        }

        await receiving.WaitAsync(TimeSpan.FromMinutes(1));
        Array.Sort(samples);
        return samples;
    }

    private static Process Start(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task RunAsync(string tool, string[] arguments)
    {
        using var process = Start(tool, arguments);
        await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        await process.WaitForExitAsync();
    }

}
