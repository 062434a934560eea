using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeFactory.Inference;
using EdgeFactory.Inference.Benchmarking;
using EdgeFactory.Vision.Ocr;

namespace EdgeFactory.Bench;

/// <summary>
/// Image file → text over the rendered label set (tests/data/vision), ours against @gutenye/ocr-node 1.4.8 on the same
/// images, PP-OCRv4 models and thread setting, in alternating rounds (medians): latency p50/p99, images/s, per-stage
/// times and managed bytes per image, agreement of the texts and exact-match rates against the ground truth.
/// </summary>
internal sealed class VisionBench(BenchReport report, string[] args)
{
    private const int Threads = 1;
    private const string Models = "models/ppocr";
    private readonly int _rounds = BenchArguments.Option(args, "--rounds", 3);

    public async Task RunAsync()
    {
        var truth = File.ReadAllLines("tests/data/vision/truth.tsv").Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split('\t')).ToList();
        var images = truth.Select(f => Path.Combine("tests/data/vision", f[0])).ToArray();
        Console.WriteLine($"vision bench: {images.Length} rendered labels, PP-OCRv4 det + rec, {Threads} intra-op thread, {_rounds} alternating rounds, peer @gutenye/ocr-node 1.4.8");
        using var pipeline = OcrPipeline.Create(OcrOptions.PpOcrV4(Models) with { Session = new InferenceSessionOptions { IntraOpThreads = Threads } });
        foreach (var image in images)
        {
            pipeline.Read(image);
        }

        var ours = new List<(double P50, double P99, double PerSecond)>();
        var peer = new List<(double P50, double P99, double PerSecond)>();
        var stageMs = Enum.GetValues<OcrStage>().ToDictionary(s => s, _ => new List<double>());
        var stageBytes = Enum.GetValues<OcrStage>().ToDictionary(s => s, _ => 0.0);
        string[][] ourTexts = [];
        string[][] peerTexts = [];
        for (var round = 0; round < _rounds; round++)
        {
            var oursFirst = round % 2 == 0;
            if (!oursFirst)
            {
                (peer, peerTexts) = await PeerRoundAsync(images, peer);
            }

            var latencies = new double[images.Length];
            ourTexts = new string[images.Length][];
            for (var i = 0; i < images.Length; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var result = pipeline.Read(images[i]);
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                ourTexts[i] = [.. result.Lines.Select(l => l.Text)];
                foreach (var s in Enum.GetValues<OcrStage>())
                {
                    stageMs[s].Add(result.Stages.Milliseconds(s));
                    stageBytes[s] += result.Stages.Bytes(s);
                }
            }

            ours.Add(Summary(latencies));
            if (oursFirst)
            {
                (peer, peerTexts) = await PeerRoundAsync(images, peer);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: p50 ours {ours[^1].P50:F1} ms, ocr-node {peer[^1].P50:F1} ms"));
        }

        const string Case = "ppocr-v4-label-480x320";
        report.Add(Case, "latency-p50", "ms", BenchReport.Median(ours.Select(o => o.P50)), BenchReport.Median(peer.Select(p => p.P50)));
        report.Add(Case, "latency-p99", "ms", BenchReport.Median(ours.Select(o => o.P99)), BenchReport.Median(peer.Select(p => p.P99)));
        report.Add(Case, "throughput", "img/s", BenchReport.Median(ours.Select(o => o.PerSecond)), BenchReport.Median(peer.Select(p => p.PerSecond)));
        var reads = _rounds * images.Length;
        foreach (var s in Enum.GetValues<OcrStage>().Where(s => s != OcrStage.Classification))
        {
            report.Add($"stage-{s.ToString().ToLowerInvariant()}", "p50", "ms", BenchReport.Median(stageMs[s]));
            report.Add($"stage-{s.ToString().ToLowerInvariant()}", "managed-bytes", "B/img", stageBytes[s] / reads);
        }

        static string Squeeze(IEnumerable<string> lines) => string.Join('\n', lines.Select(l => l.Replace(" ", string.Empty, StringComparison.Ordinal)));
        var agree = ourTexts.Zip(peerTexts).Count(p => Squeeze(p.First) == Squeeze(p.Second));
        report.Add(Case, "agreement", "%", 100.0 * agree / images.Length);
        var clean = truth.Select((f, i) => (f, i)).Where(x => x.f[1] == "clean").Select(x => x.i).ToArray();
        double Exact(string[][] texts, IEnumerable<int> which) => 100.0 * which.Count(i => Squeeze(texts[i]) == Squeeze(truth[i][2..])) / which.Count();
        report.Add("clean-subset", "exact-match", "%", Exact(ourTexts, clean), Exact(peerTexts, clean));
        report.Add("all-subsets", "exact-match", "%", Exact(ourTexts, Enumerable.Range(0, images.Length)), Exact(peerTexts, Enumerable.Range(0, images.Length)));
    }

    private static (double P50, double P99, double PerSecond) Summary(double[] latencies)
    {
        var perSecond = latencies.Length / (latencies.Sum() / 1000);
        var sample = LatencySample.Of(latencies);
        return (sample.P50Ms, sample.P99Ms, perSecond);
    }

    /// <summary>One round of the peer in a fresh node process: a warm-up pass, then the timed pass.</summary>
    private static async Task<(List<(double, double, double)>, string[][])> PeerRoundAsync(string[] images, List<(double, double, double)> rounds)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "eng/node-peer/ocr.mjs", $"{Models}/ch_PP-OCRv4_det_infer.onnx", $"{Models}/ch_PP-OCRv4_rec_infer.onnx", $"{Models}/ppocr_keys_v1.txt", "--rounds", "2", "--threads", Threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        foreach (var image in images)
        {
            start.ArgumentList.Add(image);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"@gutenye/ocr-node peer failed: {error}");
        }

        var timed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("round").GetInt32() == 1).ToList();
        var latencies = timed.Select(e => e.GetProperty("ms").GetDouble()).ToArray();
        var texts = timed.Select(e => e.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToArray()).ToArray();
        rounds.Add(Summary(latencies));
        return (rounds, texts);
    }
}
