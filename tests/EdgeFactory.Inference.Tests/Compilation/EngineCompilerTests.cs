using EdgeFactory.Inference.Compilation;
using EdgeFactory.Testing;

namespace EdgeFactory.Inference.Tests.Compilation;

public sealed class EngineCompilerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-compile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Compile_WhereTensorRtIsAbsent_FailsAtOnceNamingWhatIsMissing()
    {
        if (ExecutionProviderReadiness.Check(ExecutionProviderKind.TensorRt).Ready)
        {
            // TensorRT is installed here: the GPU check compiles for real.
            return;
        }

        var e = Assert.Throws<OnnxRuntimeException>(() => EngineCompiler.Compile(
            TestModels.Generated("policy_mlp_v1.onnx"), _folder, new ExecutionProviderPreference(ExecutionProviderKind.TensorRt)));

        Assert.Equal(OrtErrorCode.ExecutionProviderFailure, e.Code);
        Assert.StartsWith("policy_mlp_v1.onnx: TensorRT cannot build an engine here", e.Message, StringComparison.Ordinal);
        Assert.Contains("Fix:", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Write_WithAProviderThatCompilesNothing_IsATypedErrorFromTheCompileApi()
    {
        // The CPU provider compiles no node, so ONNX Runtime's compile API refuses; this proves the call itself is made right.
        var e = Assert.Throws<OnnxRuntimeException>(() => EngineCompiler.Write(
            TestModels.Generated("policy_mlp_v1.onnx"), _folder, InferenceSessionOptions.Default, ExecutionProviderPreference.Cpu, embedEngine: true));

        Assert.StartsWith("policy_mlp_v1.onnx: compiling for CPUExecutionProvider: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ForCpu_IsRefusedBecauseNothingIsBuilt()
    {
        var e = Assert.Throws<OnnxRuntimeException>(() => EngineCompiler.Compile(TestModels.Generated("policy_mlp_v1.onnx"), _folder, ExecutionProviderPreference.Cpu));

        Assert.Equal(OrtErrorCode.InvalidArgument, e.Code);
        Assert.Contains("only tensorrt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_MissingModel_IsNoSuchFile()
    {
        var e = Assert.Throws<OnnxRuntimeException>(() => EngineCompiler.Compile("/nonexistent/model.onnx", _folder, new ExecutionProviderPreference(ExecutionProviderKind.TensorRt)));

        Assert.Equal(OrtErrorCode.NoSuchFile, e.Code);
    }
}
