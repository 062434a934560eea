namespace EdgeFactory.Inference.Tests;

public sealed class ExecutionProviderReadinessTests
{
    [Fact]
    public void Check_Cpu_IsReady()
    {
        Assert.True(ExecutionProviderReadiness.Check(ExecutionProviderKind.Cpu).Ready);
    }

    [Theory]
    [InlineData(ExecutionProviderKind.Cuda)]
    [InlineData(ExecutionProviderKind.TensorRt)]
    public void Check_GpuProviderOnThisMachine_SaysWhatIsMissingAndHowToGetIt(ExecutionProviderKind kind)
    {
        var readiness = ExecutionProviderReadiness.Check(kind);

        if (readiness.Ready)
        {
            // A GPU build on a machine with the NVIDIA libraries: nothing to fix.
            Assert.Empty(readiness.Fix);
            return;
        }

        Assert.Contains(ExecutionProviderPreference.OrtNameOf(kind), readiness.Detail, StringComparison.Ordinal);
        var fix = OnnxRuntimeInfo.AvailableProviders().Contains(ExecutionProviderPreference.OrtNameOf(kind))
            ? ExecutionProviderReadiness.LibraryFix(kind)
            : ExecutionProviderReadiness.BuildFix;
        Assert.Equal(fix, readiness.Fix);
    }

    [Fact]
    public void LibraryFix_NamesTheCudaAndCudnnLibrariesTheGpuFlavourNeeds()
    {
        var fix = ExecutionProviderReadiness.LibraryFix(ExecutionProviderKind.Cuda);

        Assert.Contains("libcudart.so.13", fix, StringComparison.Ordinal);
        Assert.Contains("libcublas.so.13", fix, StringComparison.Ordinal);
        Assert.Contains("cuDNN 9", fix, StringComparison.Ordinal);
        Assert.Contains("libnvinfer.so.10", ExecutionProviderReadiness.LibraryFix(ExecutionProviderKind.TensorRt), StringComparison.Ordinal);
    }
}
