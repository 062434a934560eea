using EdgeFactory.Testing;

namespace EdgeFactory.Inference.Tests;

public sealed class InferenceRunnerTests
{
    [Fact]
    public void Run_EveryElementType_ComputesTheGraph()
    {
        using var session = InferenceSession.Load(TestModels.Generated("dtypes.onnx"));
        using var runner = session.CreateRunner();
        float[] a = [1, 2, 3, -4, 5.5f, 0];
        a.CopyTo(runner.Input("a_f32").AsSpan<float>());
        var b = runner.Input("b_f16").AsSpan<Half>();
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = (Half)(i * 0.5);
        }

        byte[] c = [0, 1, 127, 128, 254, 255];
        c.CopyTo(runner.Input("c_u8").AsSpan<byte>());
        long[] d = [long.MinValue + 1, -1, 0, 1, 1L << 40, long.MaxValue - 1];
        d.CopyTo(runner.Input("d_i64").AsSpan<long>());
        bool[] e = [true, false, true, true, false, false];
        e.CopyTo(runner.Input("e_bool").AsSpan<bool>());

        runner.Run();

        Assert.Equal(a.Select(x => x * 2), runner.Output("a_twice").AsSpan<float>().ToArray());
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (Half)(i * 1.0)), runner.Output("b_doubled").AsSpan<Half>().ToArray());
        Assert.Equal(c.Select(x => (float)x), runner.Output("c_as_f32").AsSpan<float>().ToArray());
        Assert.Equal(d.Select(x => x + 1), runner.Output("d_plus_one").AsSpan<long>().ToArray());
        Assert.Equal(e.Select(x => !x), runner.Output("e_not").AsSpan<bool>().ToArray());
    }

    [Fact]
    public void Run_DynamicBatch_OutputsFollowTheInputShape()
    {
        using var session = InferenceSession.Load(TestModels.Generated("dynamic.onnx"));
        using var runner = session.CreateRunner();
        foreach (var batch in new long[] { 1, 5, 2, 5 })
        {
            var x = runner.ResizeInput("x", [batch, 4]).AsSpan<float>();
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = i;
            }

            runner.Run();
            runner.Run();

            var y = runner.Output("y");
            Assert.Equal([batch, 3], y.Shape.ToArray());
            // Row r of x is [4r, 4r+1, 4r+2, 4r+3]; W[k, j] = (3k + j) / 10.
            var values = y.AsSpan<float>();
            for (var r = 0; r < batch; r++)
            {
                for (var j = 0; j < 3; j++)
                {
                    var expected = Enumerable.Range(0, 4).Sum(k => (4f * r + k) * ((3 * k) + j) / 10f);
                    Assert.Equal(expected, values[(r * 3) + j], 3);
                }
            }
        }
    }

    [Fact]
    public void Run_CallerOwnedPinnedBuffers_AreUsedWithoutCopies()
    {
        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"));
        using var runner = session.CreateRunner();
        var obs = GC.AllocateArray<float>(64, pinned: true);
        var action = GC.AllocateArray<float>(12, pinned: true);
        using var input = NativeTensor.Over<float>(obs, [1, 64]);
        using var output = NativeTensor.Over<float>(action, [1, 12]);
        runner.BindInput("obs", input);
        runner.BindOutput("action", output);

        obs[0] = 1;
        runner.Run();

        Assert.All(action, a => Assert.InRange(a, 900, 1100));
        var first = action.ToArray();
        obs[0] = -1;
        runner.Run();
        Assert.NotEqual(first, action);
        runner.Dispose();
    }

    [Fact]
    public void Run_SteadyState_AllocatesNoManagedBytes()
    {
        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"), new InferenceSessionOptions { IntraOpThreads = 1 });
        using var runner = session.CreateRunner();
        Patterns.Fill(runner.Input("obs").AsSpan<float>());
        for (var i = 0; i < 100; i++)
        {
            runner.Run();
        }

        var measured = ThreadAllocations.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                runner.Run();
            }
        });

        Assert.True(measured.Bytes == 0, measured.ToString());
    }

    [Fact]
    public void Run_OverPinnedCallerBuffers_AllocatesNoManagedBytes()
    {
        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"), new InferenceSessionOptions { IntraOpThreads = 1 });
        using var runner = session.CreateRunner();
        var obs = GC.AllocateArray<float>(64, pinned: true);
        var action = GC.AllocateArray<float>(12, pinned: true);
        using var input = NativeTensor.Over<float>(obs, [1, 64]);
        using var output = NativeTensor.Over<float>(action, [1, 12]);
        runner.BindInput("obs", input);
        runner.BindOutput("action", output);
        Patterns.Fill(obs);
        for (var i = 0; i < 100; i++)
        {
            runner.Run();
        }

        var measured = ThreadAllocations.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                runner.Run();
            }
        });

        Assert.True(measured.Bytes == 0, measured.ToString());
        runner.Dispose();
    }

    [Fact]
    public void Run_DynamicOutputsAfterFirstRun_AllocateNoManagedBytes()
    {
        using var session = InferenceSession.Load(TestModels.Generated("dynamic.onnx"));
        using var runner = session.CreateRunner(new Dictionary<string, long[]> { ["x"] = [8, 4] });
        runner.Run();

        var measured = ThreadAllocations.Measure(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                runner.Run();
            }
        });

        Assert.True(measured.Bytes == 0, measured.ToString());
    }

    [Fact]
    public void UnknownInputName_IsInvalidArgumentListingTheInputs()
    {
        using var session = InferenceSession.Load(TestModels.OcrDirection);
        using var runner = session.CreateRunner();

        var e = Assert.Throws<OnnxRuntimeException>(() => runner.Input("image"));

        Assert.Equal(OrtErrorCode.InvalidArgument, e.Code);
        Assert.Contains("no input named 'image'", e.Message, StringComparison.Ordinal);
        Assert.Contains("x: float32[", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongShape_IsInvalidArgumentWithExpectedAndGiven()
    {
        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"));
        using var runner = session.CreateRunner();
        using var wrong = NativeTensor.Allocate(TensorElementType.Float32, [1, 65]);

        var e = Assert.Throws<OnnxRuntimeException>(() => runner.BindInput("obs", wrong));

        Assert.Equal(OrtErrorCode.InvalidArgument, e.Code);
        Assert.Contains("expects float32[1, 64]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 65]", e.Message, StringComparison.Ordinal);
        Assert.Throws<OnnxRuntimeException>(() => runner.ResizeInput("obs", [1, 64, 1]));
    }

    [Fact]
    public void WrongElementType_IsInvalidArgument()
    {
        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"));
        using var runner = session.CreateRunner();
        using var wrong = NativeTensor.Allocate(TensorElementType.Float16, [1, 64]);

        var e = Assert.Throws<OnnxRuntimeException>(() => runner.BindInput("obs", wrong));

        Assert.Contains("holds float16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverflowingShape_IsInvalidArgumentNotACrash()
    {
        using var session = InferenceSession.Load(TestModels.Generated("dynamic.onnx"));
        using var runner = session.CreateRunner();

        var e = Assert.Throws<OnnxRuntimeException>(() => runner.ResizeInput("x", [long.MaxValue / 2, 4]));

        Assert.Equal(OrtErrorCode.InvalidArgument, e.Code);
        Assert.Throws<OnnxRuntimeException>(() => NativeTensor.Allocate(TensorElementType.Float32, [1L << 40, 1L << 40]));
        Assert.Throws<OnnxRuntimeException>(() => NativeTensor.Allocate(TensorElementType.Float32, [-3]));
    }

    [Fact]
    public void RunShapeErrorInsideOnnxRuntime_IsTypedAndTheRunnerStaysUsable()
    {
        // x[n] reshaped to [2, 3]: the shape fits the signature, yet only n = 6 can run.
        using var session = InferenceSession.Load(TestModels.Generated("reshape.onnx"));
        using var runner = session.CreateRunner(new Dictionary<string, long[]> { ["x"] = [5] });

        var e = Assert.Throws<OnnxRuntimeException>(() => runner.Run());
        Assert.StartsWith("reshape.onnx: run failed", e.Message, StringComparison.Ordinal);
        Assert.NotEqual(OrtErrorCode.LibraryNotFound, e.Code);

        runner.ResizeInput("x", [6]).AsSpan<float>().Fill(2);
        runner.Run();
        Assert.Equal([2f, 2, 2, 2, 2, 2], runner.Output("y").AsSpan<float>().ToArray());
    }

    [Fact]
    public void Run_CancelledToken_StopsTheRunWithOperationCanceled()
    {
        using var session = InferenceSession.Load(TestModels.OcrDetection, new InferenceSessionOptions { IntraOpThreads = 1 });
        using var runner = session.CreateRunner(new Dictionary<string, long[]> { ["x"] = [1, 3, 960, 960] });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        void RunUntilCancelled()
        {
            while (true)
            {
                runner.Run(cts.Token);
            }
        }

        Assert.ThrowsAny<OperationCanceledException>(RunUntilCancelled);

        // The terminate flag is cleared: the same runner runs again.
        runner.ResizeInput("x", [1, 3, 32, 32]);
        runner.Run(CancellationToken.None);
    }

    [Fact]
    public void BoundTensor_CannotBeDisposedUnderTheRunner()
    {
        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"));
        var runner = session.CreateRunner();
        var input = NativeTensor.Allocate(TensorElementType.Float32, [1, 64]);
        runner.BindInput("obs", input);

        Assert.Throws<InvalidOperationException>(input.Dispose);

        runner.Dispose();
        input.Dispose();
    }

    [Fact]
    public void SessionDisposedBeforeRunner_RunnerStillRuns()
    {
        var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"));
        using var runner = session.CreateRunner();
        session.Dispose();

        runner.Run();

        Assert.InRange(runner.Output("action").AsSpan<float>()[0], 900, 1100);
    }

    [Fact]
    public void SessionRun_CopiesInAndOut()
    {
        using var session = InferenceSession.Load(TestModels.Generated("dynamic.onnx"));
        using var x = NativeTensor.Allocate(TensorElementType.Float32, [2, 4]);
        x.AsSpan<float>().Fill(1);

        var outputs = session.Run(new Dictionary<string, NativeTensor> { ["x"] = x });

        using var y = outputs["y"];
        Assert.Equal([2, 3], y.Shape.ToArray());
        Assert.Equal(1.8f, y.AsSpan<float>()[0], 4);
        Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, NativeTensor> { ["nope"] = x }));
    }

    [Fact]
    public void AsSpan_WrongType_IsRefused()
    {
        using var t = NativeTensor.Allocate(TensorElementType.Float32, [2]);

        Assert.Throws<OnnxRuntimeException>(() => t.AsSpan<int>());
    }
}
