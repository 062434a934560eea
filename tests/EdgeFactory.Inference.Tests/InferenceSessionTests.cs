using EdgeFactory.Testing;

namespace EdgeFactory.Inference.Tests;

public sealed class InferenceSessionTests
{
    [Fact]
    public void Load_OcrDetection_DescribesSignatureWithSymbolicDimensions()
    {
        using var session = InferenceSession.Load(TestModels.OcrDetection);

        var input = Assert.Single(session.Signature.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(TensorElementType.Float32, input.ElementType);
        Assert.Equal([-1, 3, -1, -1], input.Dimensions);
        Assert.False(input.IsFixed);
        var output = Assert.Single(session.Signature.Outputs);
        Assert.Equal(4, output.Dimensions.Count);
        Assert.Equal(ExecutionProviderKind.Cpu, session.ExecutionProvider);
        Assert.Empty(session.ProviderFallbacks);
    }

    [Fact]
    public void Load_GeneratedModel_ReportsProducerOpsetAndCustomMetadata()
    {
        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"));

        var m = session.Metadata;
        Assert.Equal("edgefactory-test-models", m.ProducerName);
        Assert.Equal("1", m.ProducerVersion);
        Assert.Equal("policy", m.GraphName);
        Assert.Equal(17, m.DefaultOpset);
        Assert.Equal(8, m.IrVersion);
        Assert.Equal("Policy MLP 64-256-256-12", m.Description);
        Assert.Equal("1", m.Custom["edgefactory.version"]);
        Assert.Equal("policy", m.Custom["edgefactory.role"]);
        Assert.Equal("obs: float32[1, 64]", session.Signature.Inputs[0].ToString());
    }

    [Fact]
    public void Load_SymbolicDimensionNames_AreReported()
    {
        using var session = InferenceSession.Load(TestModels.Generated("dynamic.onnx"));

        Assert.Equal("x: float32[batch, 4]", session.Signature.Inputs[0].ToString());
        Assert.Equal("batch", session.Signature.Inputs[0].SymbolicDimensions[0]);
    }

    [Fact]
    public void Load_FromBytes_BehavesLikeTheFile()
    {
        var bytes = File.ReadAllBytes(TestModels.OcrDirection);
        using var fromBytes = InferenceSession.Load(bytes, "cls-artifact");
        using var fromFile = InferenceSession.Load(TestModels.OcrDirection);

        Assert.Equal("cls-artifact", fromBytes.Name);
        Assert.Equal(fromFile.Signature.Inputs.Select(i => i.ToString()), fromBytes.Signature.Inputs.Select(i => i.ToString()));
        Assert.Equal(fromFile.Metadata.DefaultOpset, fromBytes.Metadata.DefaultOpset);
    }

    [Fact]
    public void Load_MissingFile_IsNoSuchFileNamingThePath()
    {
        var e = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.Load("/nonexistent/model.onnx"));

        Assert.Equal(OrtErrorCode.NoSuchFile, e.Code);
        Assert.Contains("/nonexistent/model.onnx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedModel_IsATypedErrorNamingTheModel()
    {
        var bytes = File.ReadAllBytes(TestModels.OcrDirection);
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        try
        {
            var e = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.Load(path));

            Assert.Contains(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
            Assert.True(e.Code is OrtErrorCode.InvalidProtobuf or OrtErrorCode.Fail or OrtErrorCode.InvalidGraph, e.Code.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_EmptyFile_IsInvalidProtobufNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, []);
        try
        {
            var e = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.Load(path));

            Assert.Equal(OrtErrorCode.InvalidProtobuf, e.Code);
            Assert.Contains(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_GarbageFile_IsInvalidProtobufNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"garbage-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);
        try
        {
            var e = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.Load(path));

            Assert.StartsWith($"{Path.GetFileName(path)}:", e.Message, StringComparison.Ordinal);
            Assert.True(e.Code is OrtErrorCode.InvalidProtobuf or OrtErrorCode.Fail or OrtErrorCode.InvalidGraph, e.Code.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_GarbageBytes_IsATypedError()
    {
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray();

        var e = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.Load(garbage, "garbage"));

        Assert.StartsWith("garbage:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyBytes_IsInvalidProtobuf()
    {
        var e = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.Load(ReadOnlyMemory<byte>.Empty, "empty"));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, e.Code);
    }

    [Fact]
    public void Load_PreferringGpuProviders_FallsBackToCpuAndSaysWhy()
    {
        var options = new InferenceSessionOptions
        {
            Providers = [new(ExecutionProviderKind.TensorRt) { TensorRtFp16 = true }, new(ExecutionProviderKind.Cuda), ExecutionProviderPreference.Cpu],
        };

        using var session = InferenceSession.Load(TestModels.OcrDirection, options);

        if (session.ExecutionProvider != ExecutionProviderKind.Cpu)
        {
            // A GPU build with a working GPU: nothing to fall back from.
            return;
        }

        Assert.Equal([ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda], session.ProviderFallbacks.Select(f => f.Provider));
        Assert.All(session.ProviderFallbacks, f => Assert.StartsWith("ch_ppocr_mobile_v2.0_cls_infer.onnx: ", f.Reason, StringComparison.Ordinal));
        if (!OnnxRuntimeInfo.AvailableProviders().Contains("CUDAExecutionProvider"))
        {
            // The CPU package: the reason says how to get the GPU providers.
            Assert.All(session.ProviderFallbacks, f => Assert.Contains("OnnxRuntimeFlavor=gpu", f.Reason, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Load_WithThreadsOptimisationAndDeterminism_Loads()
    {
        var options = new InferenceSessionOptions
        {
            IntraOpThreads = 1,
            InterOpThreads = 1,
            Optimization = GraphOptimization.Basic,
            Deterministic = true,
            ParallelExecution = true,
            ConfigEntries = new Dictionary<string, string> { ["session.disable_prepacking"] = "1" },
        };

        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"), options);

        Assert.Equal(ExecutionProviderKind.Cpu, session.ExecutionProvider);
    }

    [Fact]
    public void Options_NegativeThreads_AreRefusedBeforeLoading()
    {
        var e = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.Load(TestModels.OcrDirection, new InferenceSessionOptions { IntraOpThreads = -1 }));

        Assert.Equal(OrtErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public void ProviderList_ParsesNamesAndRefusesUnknownOnes()
    {
        Assert.Equal(
            [ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu],
            ExecutionProviderPreference.ParseList("tensorrt, cuda,cpu").Select(p => p.Kind));
        var e = Assert.Throws<OnnxRuntimeException>(() => ExecutionProviderPreference.ParseList("npu"));
        Assert.Contains("cpu, cuda or tensorrt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OnlyAMissingProvider_FallsBackToCpuAnyway()
    {
        using var session = InferenceSession.Load(TestModels.Generated("policy_mlp_v1.onnx"), new InferenceSessionOptions { Providers = [new(ExecutionProviderKind.Cuda)] });

        if (session.ExecutionProvider == ExecutionProviderKind.Cuda)
        {
            return;
        }

        Assert.Equal(ExecutionProviderKind.Cpu, session.ExecutionProvider);
        Assert.Equal(ExecutionProviderKind.Cuda, Assert.Single(session.ProviderFallbacks).Provider);
    }

    [Fact]
    public void AvailableProviders_IncludeCpu()
    {
        Assert.Contains("CPUExecutionProvider", OnnxRuntimeInfo.AvailableProviders());
    }
}
