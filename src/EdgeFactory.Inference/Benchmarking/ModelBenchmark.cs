using System.Diagnostics;

namespace EdgeFactory.Inference.Benchmarking;

/// <summary>Times runs of a runner over its bound inputs: warm-up, then timed runs, and the managed bytes they allocated.</summary>
public static class ModelBenchmark
{
    /// <summary>Result of <see cref="Measure"/>.</summary>
    /// <param name="Latency">Per-run latency.</param>
    /// <param name="RunsPerSecond">Runs per second over the timed loop.</param>
    /// <param name="AllocatedBytesPerRun">Managed bytes allocated per timed run on the calling thread.</param>
    public sealed record Result(LatencySample Latency, double RunsPerSecond, double AllocatedBytesPerRun);

    /// <summary>Runs <paramref name="warmup"/> untimed then <paramref name="runs"/> timed runs.</summary>
    public static Result Measure(InferenceRunner runner, int runs, int warmup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        for (var i = 0; i < warmup; i++)
        {
            runner.Run();
        }

        var samples = new double[runs];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t0 = Stopwatch.GetTimestamp();
            runner.Run();
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return new Result(LatencySample.Of(samples), runs / elapsed.TotalSeconds, (double)allocated / runs);
    }
}
