using EdgeFactory.Testing;

namespace EdgeFactory.Inference.Tests;

/// <summary>Resident memory is per process, so these run alone, after the tests that run in parallel.</summary>
[CollectionDefinition(nameof(ResidentMemory), DisableParallelization = true)]
public sealed class ResidentMemory;

/// <summary>Sessions and runs give back what they take: resident memory stays flat over many of them.</summary>
[Collection(nameof(ResidentMemory))]
public sealed class LeakTests
{
    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    [Fact]
    public void ThousandSessions_CreatedAndDisposed_ResidentMemoryStaysFlat()
    {
        var model = File.ReadAllBytes(TestModels.Generated("policy_mlp_v1.onnx"));
        var options = new InferenceSessionOptions { IntraOpThreads = 1 };
        void Cycle(int count)
        {
            for (var i = 0; i < count; i++)
            {
                using var session = InferenceSession.Load(model, "policy", options);
                using var runner = session.CreateRunner();
                runner.Run();
            }
        }

        Cycle(100);
        GC.Collect();
        var baseline = ResidentBytes();
        Cycle(900);
        GC.Collect();

        var growth = ResidentBytes() - baseline;
        Assert.True(growth < 32L << 20, $"RSS grew {growth >> 20} MiB over 900 sessions");
    }

    [Fact]
    public void MillionRuns_ResidentMemoryStaysFlat()
    {
        using var session = InferenceSession.Load(TestModels.Generated("dtypes.onnx"), new InferenceSessionOptions { IntraOpThreads = 1 });
        using var runner = session.CreateRunner();
        for (var i = 0; i < 100_000; i++)
        {
            runner.Run();
        }

        var baseline = ResidentBytes();
        for (var i = 0; i < 900_000; i++)
        {
            runner.Run();
        }

        var growth = ResidentBytes() - baseline;
        Assert.True(growth < 16L << 20, $"RSS grew {growth >> 20} MiB over 900,000 runs");
    }
}
