using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeFactory.Inference;
using EdgeFactory.Inference.Benchmarking;
using EdgeFactory.Inference.Slots;

namespace EdgeFactory.Bench;

/// <summary>
/// Per-call latency of our runner and of onnxruntime-node on the same model, input and thread settings, alternating
/// rounds; then managed bytes per run and the pause a control loop sees when its model slot swaps versions.
/// </summary>
internal sealed class InferenceBench(BenchReport report, string[] args)
{
    private const int Threads = 1;
    private readonly int _rounds = BenchArguments.Option(args, "--rounds", 3);

    private static readonly (string Case, string Model, string Input, long[] Shape, int Runs)[] Cases =
    [
        ("ppocr-det-640", "models/ppocr/ch_PP-OCRv4_det_infer.onnx", "x", [1, 3, 640, 640], 20),
        ("ppocr-cls-48x192", "models/ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx", "x", [1, 3, 48, 192], 400),
        ("policy-mlp-64-256-256-12", "models/test/policy_mlp_v1.onnx", "obs", [1, 64], 5_000),
    ];

    public async Task RunAsync()
    {
        var (_, version) = OnnxRuntimeInfo.Load();
        Console.WriteLine($"inference bench: ONNX Runtime {version}, {Threads} intra-op thread, {_rounds} alternating rounds, peer onnxruntime-node 1.30.0");
        foreach (var c in Cases)
        {
            var oursP50 = new List<double>();
            var oursP99 = new List<double>();
            var peerP50 = new List<double>();
            var peerP99 = new List<double>();
            var bytesPerRun = new List<double>();
            using var session = InferenceSession.Load(c.Model, new InferenceSessionOptions { IntraOpThreads = Threads, InterOpThreads = 1 });
            using var runner = session.CreateRunner(new Dictionary<string, long[]> { [c.Input] = c.Shape });
            for (var round = 0; round < _rounds; round++)
            {
                // Alternate which goes first so drift on a shared machine hits both alike.
                for (var turn = 0; turn < 2; turn++)
                {
                    if ((turn + round) % 2 == 0)
                    {
                        var r = ModelBenchmark.Measure(runner, c.Runs, warmup: Math.Max(3, c.Runs / 10));
                        oursP50.Add(r.Latency.P50Ms);
                        oursP99.Add(r.Latency.P99Ms);
                        bytesPerRun.Add(r.AllocatedBytesPerRun);
                    }
                    else
                    {
                        var samples = await PeerAsync(c.Model, $"{c.Input}={string.Join('x', c.Shape)}", c.Runs);
                        peerP50.Add(LatencySample.Percentile(samples, 0.50));
                        peerP99.Add(LatencySample.Percentile(samples, 0.99));
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Case} round {round + 1}: p50 ours {oursP50[^1]:F4} ms, onnxruntime-node {peerP50[^1]:F4} ms"));
            }

            report.Add(c.Case, "latency-p50", "ms", BenchReport.Median(oursP50), BenchReport.Median(peerP50));
            report.Add(c.Case, "latency-p99", "ms", BenchReport.Median(oursP99), BenchReport.Median(peerP99));
            report.Add(c.Case, "alloc-per-run", "bytes", bytesPerRun.Max());
        }

        await SwapPauseAsync();
    }

    /// <summary>
    /// A control loop runs the policy back to back while the slot swaps versions 50 times. The pause of a swap is the
    /// loop iteration (lease, run, return) that first ran the new version; reported next to ordinary iterations.
    /// </summary>
    private async Task SwapPauseAsync()
    {
        const int swaps = 50;
        ModelSignature signature;
        using (var reference = InferenceSession.Load("models/test/policy_mlp_v1.onnx"))
        {
            signature = reference.Signature;
        }

        using var slot = new ModelSlot(new ModelSlotOptions
        {
            Name = "bench/policy",
            Required = signature,
            Session = new InferenceSessionOptions { IntraOpThreads = Threads },
        });
        var versions = new[] { "models/test/policy_mlp_v1.onnx", "models/test/policy_mlp_v2.onnx" }
            .Select(p => ModelSource.FromBytes(File.ReadAllBytes(p), Path.GetFileName(p))).ToArray();
        await slot.LoadAsync(versions[0], "0", CancellationToken.None);

        var pauses = new List<double>();
        var ordinary = new List<double>();
        var stop = false;
        var loop = new Thread(() =>
        {
            var last = "0";
            while (!Volatile.Read(ref stop))
            {
                var t0 = Stopwatch.GetTimestamp();
                string seen;
                using (var lease = slot.Acquire())
                {
                    lease.Runner.Run();
                    seen = lease.Version;
                }

                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                (seen == last ? ordinary : pauses).Add(ms);
                last = seen;
            }
        }) { IsBackground = true, Name = "control loop" };
        loop.Start();
        for (var i = 1; i <= swaps; i++)
        {
            var result = await slot.LoadAsync(versions[i % 2], i.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            if (!result.Swapped)
            {
                throw new InvalidOperationException(result.Reason);
            }

            await Task.Delay(10);
        }

        Volatile.Write(ref stop, true);
        loop.Join();
        var sortedPauses = pauses.Order().ToArray();
        var sortedOrdinary = ordinary.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  swap: {pauses.Count} swaps seen by the loop over {ordinary.Count:N0} ordinary iterations"));
        report.Add("slot-swap-policy", "pause-p99", "ms", LatencySample.Percentile(sortedPauses, 0.99));
        report.Add("slot-swap-policy", "pause-max", "ms", sortedPauses[^1]);
        report.Add("slot-swap-policy", "iteration-p99", "ms", LatencySample.Percentile(sortedOrdinary, 0.99));
    }

    private static async Task<double[]> PeerAsync(string model, string shape, int runs)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "eng/node-peer/bench.mjs", model, shape, Threads.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture), Math.Max(3, runs / 10).ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"onnxruntime-node peer failed: {error}");
        }

        using var json = JsonDocument.Parse(output);
        var samples = json.RootElement.GetProperty("samples").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Array.Sort(samples);
        return samples;
    }

}
