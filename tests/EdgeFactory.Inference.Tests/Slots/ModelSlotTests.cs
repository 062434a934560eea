using EdgeFactory.Inference.Slots;
using EdgeFactory.Testing;

namespace EdgeFactory.Inference.Tests.Slots;

public sealed class ModelSlotTests
{
    private static readonly ModelSignature PolicySignature = new(
        [new TensorDescriptor("obs", TensorElementType.Float32, [1, 64], ["", ""])],
        [new TensorDescriptor("action", TensorElementType.Float32, [1, 12], ["", ""])]);

    private static ModelSlot NewSlot(int warmup = 3) => new(new ModelSlotOptions
    {
        Name = "humanoid-1/policy",
        Required = PolicySignature,
        WarmupRuns = warmup,
        Session = new InferenceSessionOptions { IntraOpThreads = 1 },
    });

    private static ModelSource Version(int n) => ModelSource.FromBytes(File.ReadAllBytes(TestModels.Generated($"policy_mlp_v{n}.onnx")), $"policy_mlp_v{n}");

    /// <summary>The version number every output of the policy encodes; -1 when the outputs disagree (a torn model).</summary>
    private static int VersionOf(ReadOnlySpan<float> action)
    {
        var first = (int)Math.Round(action[0] / 1000);
        foreach (var a in action)
        {
            if ((int)Math.Round(a / 1000) != first)
            {
                return -1;
            }
        }

        return first;
    }

    [Fact]
    public async Task Load_FirstVersion_GoesLiveAndRuns()
    {
        using var slot = NewSlot();
        Assert.False(slot.TryAcquire(out _));

        var result = await slot.LoadAsync(Version(1), "1", CancellationToken.None);

        Assert.True(result.Swapped);
        Assert.Null(result.PreviousVersion);
        Assert.Equal(ExecutionProviderKind.Cpu, result.ExecutionProvider);
        Assert.Equal("1", slot.Version);
        using var lease = slot.Acquire();
        lease.Runner.Run();
        Assert.Equal(1, VersionOf(lease.Runner.Output("action").AsSpan<float>()));
    }

    [Fact]
    public async Task Load_SignatureMismatch_IsRefusedAndTheOldVersionKeepsRunning()
    {
        using var slot = NewSlot();
        await slot.LoadAsync(Version(1), "1", CancellationToken.None);

        var result = await slot.LoadAsync(ModelSource.FromFile(TestModels.Generated("policy_mlp_mismatch.onnx")), "3", CancellationToken.None);

        Assert.False(result.Swapped);
        Assert.Equal(OrtErrorCode.InvalidArgument, result.ErrorCode);
        Assert.Contains("input 'obs' is float32[1, 32], expected float32[1, 64]", result.Reason, StringComparison.Ordinal);
        Assert.Equal("1", result.PreviousVersion);
        Assert.Equal("1", slot.Version);
        Assert.Equal(1, slot.Refusals);
        using var lease = slot.Acquire();
        lease.Runner.Run();
        Assert.Equal(1, VersionOf(lease.Runner.Output("action").AsSpan<float>()));
    }

    [Fact]
    public async Task Load_CorruptArtifact_IsRefusedWithOnnxRuntimesCode()
    {
        using var slot = NewSlot();
        await slot.LoadAsync(Version(1), "1", CancellationToken.None);
        var bytes = File.ReadAllBytes(TestModels.Generated("policy_mlp_v2.onnx"));

        var result = await slot.LoadAsync(ModelSource.FromBytes(bytes.AsMemory(0, bytes.Length / 3), "truncated"), "2", CancellationToken.None);
        var missing = await slot.LoadAsync(ModelSource.FromFile("/nonexistent/policy.onnx"), "2", CancellationToken.None);

        Assert.False(result.Swapped);
        Assert.NotNull(result.ErrorCode);
        Assert.Contains("truncated", result.Reason, StringComparison.Ordinal);
        Assert.Equal(OrtErrorCode.NoSuchFile, missing.ErrorCode);
        Assert.Equal("1", slot.Version);
    }

    [Fact]
    public async Task Swap_InFlightRunFinishesOnTheOldVersion_WhichIsRetiredAfter()
    {
        using var slot = NewSlot();
        await slot.LoadAsync(Version(1), "1", CancellationToken.None);
        var old = slot.Acquire();

        var result = await slot.LoadAsync(Version(2), "2", CancellationToken.None);

        Assert.True(result.Swapped);
        Assert.Equal("1", result.PreviousVersion);
        old.Runner.Run();
        Assert.Equal(1, VersionOf(old.Runner.Output("action").AsSpan<float>()));
        using (var fresh = slot.Acquire())
        {
            fresh.Runner.Run();
            Assert.Equal(2, VersionOf(fresh.Runner.Output("action").AsSpan<float>()));
        }

        var retired = old.VersionObject!;
        Assert.False(retired.IsRetired);
        old.Dispose();
        await Eventually.TrueAsync(() => retired.IsRetired, "version 1 retired after its last lease");
    }

    [Fact]
    public async Task HotSwap_UnderA1kHzLoop_NoRunFailsAndEveryRunUsesOneWholeModel()
    {
        using var slot = NewSlot();
        await slot.LoadAsync(Version(1), "1", CancellationToken.None);
        var sources = new[] { Version(1), Version(2) };
        var stop = false;
        var runs = 0L;
        var failures = new List<string>();
        var seen = new HashSet<int>();

        // The control loop's clock ticks every millisecond, as a 1 kHz robot controller's does.
        using var clock = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        var loop = Task.Run(async () =>
        {
            while (await clock.WaitForNextTickAsync() && !Volatile.Read(ref stop))
            {
                try
                {
                    using var lease = slot.Acquire();
                    lease.Runner.Run();
                    var version = VersionOf(lease.Runner.Output("action").AsSpan<float>());
                    if (version.ToString(System.Globalization.CultureInfo.InvariantCulture) != lease.Version)
                    {
                        failures.Add($"lease of version {lease.Version} produced outputs of version {version}");
                    }

                    seen.Add(version);
                    Interlocked.Increment(ref runs);
                }
                catch (Exception e)
                {
                    failures.Add(e.ToString());
                }
            }
        });

        for (var swap = 0; swap < 20; swap++)
        {
            var n = (swap % 2) + 1;
            var target = n == 1 ? 2 : 1;
            var result = await slot.LoadAsync(sources[target - 1], target.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
            Assert.True(result.Swapped, result.Reason);
            var after = Interlocked.Read(ref runs);
            await Eventually.TrueAsync(() => Interlocked.Read(ref runs) >= after + 10, $"the loop to run version {target}");
        }

        Volatile.Write(ref stop, true);
        clock.Dispose();
        await loop;

        Assert.Empty(failures);
        Assert.Equal(21, slot.Swaps);
        Assert.Equal([1, 2], seen.Order());
        Assert.True(runs > 100, $"only {runs} runs");
    }

    [Fact]
    public async Task Acquire_SteadyState_AllocatesNothing()
    {
        using var slot = NewSlot();
        await slot.LoadAsync(Version(1), "1", CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            using var lease = slot.Acquire();
            lease.Runner.Run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            using var lease = slot.Acquire();
            lease.Runner.Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Options_WithoutSignature_AreRefusedAtStart()
    {
        Assert.Throws<ArgumentException>(() => new ModelSlot(new ModelSlotOptions { Name = "x", Required = new ModelSignature([], []) }));
    }
}
