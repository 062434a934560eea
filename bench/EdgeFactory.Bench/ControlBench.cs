using System.Net;
using EdgeFactory.Inference;
using EdgeFactory.Inference.Slots;
using EdgeFactory.Robotics.Control;
using EdgeFactory.Robotics.Link;
using EdgeFactory.Robotics.Safety;
using EdgeFactory.Runtime.Skills.Link;

namespace EdgeFactory.Bench;

/// <summary>
/// Our control loop at 500 Hz (policy inference through a model slot, safety envelope, robot link round trip with a
/// real <c>robot-sim</c> arm) against <c>loop-ref</c>, the C reference loop on absolute-time sleeps, at the same rate
/// on the same machine; rounds alternate which goes first and figures are medians over rounds.
/// </summary>
internal sealed class ControlBench(BenchReport report, string[] args)
{
    private const int RateHz = 500;
    private const string Case = "loop-500hz";
    private static readonly float[] PoseA = [-0.3f, -1.0f, 1.5f, -2.07f, -1.57f, 0f];
    private static readonly float[] PoseB = [0.3f, -1.2f, 1.3f, -1.7f, -1.57f, 0.5f];
    private readonly int _seconds = BenchArguments.Option(args, "--seconds", 60);
    private readonly int _rounds = BenchArguments.Option(args, "--rounds", 2);

    public async Task RunAsync()
    {
        Console.WriteLine($"control bench: {RateHz} Hz for {_seconds} s, {_rounds} alternating rounds; ours (policy arm_reach_v1 + envelope + link to robot-sim) vs loop-ref; {Environment.ProcessorCount} cores");
        var ours = new List<Round>();
        var reference = new List<(double P50, double P99, double Max, double Overruns)>();
        for (var round = 0; round < _rounds; round++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                if ((turn + round) % 2 == 0)
                {
                    var r = await RunOursAsync();
                    ours.Add(r);
                    Console.WriteLine($"  round {round + 1} ours: jitter p50 {r.JitterP50} µs p99 {r.JitterP99} µs max {r.JitterMax} µs, overruns {r.Overruns}, GCs {r.Collections}, compute p50 {r.ComputeP50} µs, inference p50 {r.InferenceP50:F3} ms, clamps {r.Clamps}");
                }
                else
                {
                    var json = ControllerProcess.RunLoopRef(RateHz, _seconds);
                    var r = (json.GetProperty("jitter_p50_us").GetDouble(), json.GetProperty("jitter_p99_us").GetDouble(), json.GetProperty("jitter_max_us").GetDouble(), json.GetProperty("overruns").GetDouble());
                    reference.Add(r);
                    Console.WriteLine($"  round {round + 1} loop-ref: jitter p50 {r.Item1} µs p99 {r.Item2} µs max {r.Item3} µs, overruns {r.Item4}");
                }
            }
        }

        report.Add(Case, "jitter-p50", "us", BenchReport.Median(ours.Select(r => r.JitterP50)), BenchReport.Median(reference.Select(r => r.P50)));
        report.Add(Case, "jitter-p99", "us", BenchReport.Median(ours.Select(r => r.JitterP99)), BenchReport.Median(reference.Select(r => r.P99)));
        report.Add(Case, "jitter-max", "us", BenchReport.Median(ours.Select(r => r.JitterMax)), BenchReport.Median(reference.Select(r => r.Max)));
        report.Add(Case, "overruns", "count", BenchReport.Median(ours.Select(r => r.Overruns)), BenchReport.Median(reference.Select(r => r.Overruns)));
        report.Add(Case, "gc-collections", "count", BenchReport.Median(ours.Select(r => r.Collections)));
        report.Add(Case, "compute-p50", "us", BenchReport.Median(ours.Select(r => r.ComputeP50)));
        report.Add(Case, "compute-p99", "us", BenchReport.Median(ours.Select(r => r.ComputeP99)));
        report.Add(Case, "inference-p50", "ms", BenchReport.Median(ours.Select(r => r.InferenceP50)));
        report.Add(Case, "inference-p99", "ms", BenchReport.Median(ours.Select(r => r.InferenceP99)));
        report.Add(Case, "cycles", "count", BenchReport.Median(ours.Select(r => r.Cycles)));
        report.Add(Case, "clamps", "count", BenchReport.Median(ours.Select(r => r.Clamps)));
        report.Add(Case, "link-rejected", "count", BenchReport.Median(ours.Select(r => r.Rejected)));
    }

    private async Task<Round> RunOursAsync()
    {
        var (sim, port) = ControllerProcess.StartRobotSim("arm");
        try
        {
            var period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / RateHz);
            using var link = new RobotLink(new RobotLinkOptions { Robot = "bench/arm", Controller = new IPEndPoint(IPAddress.Loopback, port), ControlPeriod = period });
            var capabilities = await link.ConnectAsync(CancellationToken.None);
            var envelope = new SafetyEnvelope(SafetyOptions.FromCapabilities("bench/arm", capabilities, period, 100f, 0.1f));
            var chunks = new ActionChunkBuffer(64, capabilities.Joints.Count);
            using var loop = new ControlLoop(new ControlLoopOptions { Robot = "bench/arm", RateHz = RateHz }, link, envelope, chunks);
            var model = Path.Combine("models", "policy", "arm_reach_v1.onnx");
            ModelSignature signature;
            using (var session = InferenceSession.Load(model))
            {
                signature = session.Signature;
            }

            using var slot = new ModelSlot(new ModelSlotOptions { Name = "arm_reach", Required = signature, Session = new InferenceSessionOptions { IntraOpThreads = 1 } });
            await slot.LoadAsync(ModelSource.FromFile(model), "arm_reach_v1", CancellationToken.None);
            var source = new TimedChunkSource(new PolicyChunkSource(slot));
            var pump = new ActionChunkPump("bench/arm", source, loop, chunks, TimeSpan.FromMilliseconds(100));
            using var stop = new CancellationTokenSource();
            var collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
            loop.Start();
            var pumping = pump.RunAsync(stop.Token);
            // Warm-up second, then measure from clean histograms: the figures cover the steady state only.
            pump.SetTarget(PoseA);
            await Task.Delay(TimeSpan.FromSeconds(1));
            loop.Statistics.Jitter.Clear();
            loop.Statistics.PeriodJitter.Clear();
            loop.Statistics.Compute.Clear();
            var overrunsBefore = loop.Statistics.Overruns;
            var cyclesBefore = loop.Statistics.Cycles;
            var clampsBefore = envelope.Statistics.Clamped + envelope.Statistics.Held;
            collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
            lock (source.Milliseconds)
            {
                source.Milliseconds.Clear();
            }

            var until = DateTime.UtcNow + TimeSpan.FromSeconds(_seconds);
            var toB = true;
            while (DateTime.UtcNow < until)
            {
                // A reach every 1.5 s, back and forth, as a line's pick-and-place does.
                pump.SetTarget(toB ? PoseB : PoseA);
                toB = !toB;
                await Task.Delay(TimeSpan.FromMilliseconds(1500));
            }

            var gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections;
            var s = loop.Statistics;
            var round = new Round(
                s.PeriodJitter.Percentile(50), s.PeriodJitter.Percentile(99), s.PeriodJitter.MaxMicroseconds,
                s.Overruns - overrunsBefore, gcs, s.Compute.Percentile(50), s.Compute.Percentile(99),
                Percentile(source.Milliseconds, 50), Percentile(source.Milliseconds, 99), s.Cycles - cyclesBefore,
                envelope.Statistics.Clamped + envelope.Statistics.Held - clampsBefore, link.Statistics.RejectedTotal);
            Console.WriteLine("    envelope: " + string.Join(", ", Enum.GetValues<SafetyReason>().Where(r => envelope.Statistics.Count(r) > 0).Select(r => $"{r} {envelope.Statistics.Count(r)}")));
            await stop.CancelAsync();
            await pumping;
            loop.Stop();
            return round;
        }
        finally
        {
            sim.Kill();
            await sim.WaitForExitAsync();
            sim.Dispose();
        }
    }

    private static double Percentile(List<double> values, double percentile)
    {
        lock (values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];
        }
    }

    private sealed record Round(
        double JitterP50, double JitterP99, double JitterMax, double Overruns, double Collections, double ComputeP50, double ComputeP99,
        double InferenceP50, double InferenceP99, double Cycles, double Clamps, double Rejected);
}
