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

    [Fact]
    public void Settings_TensorRtOptions_BecomeOnnxRuntimeProviderOptions()
    {
        var settings = ExecutionProviders.Settings(new ExecutionProviderPreference(ExecutionProviderKind.TensorRt)
        {
            DeviceId = 1,
            TensorRtFp16 = true,
            TensorRtEngineCacheDirectory = "/var/lib/edgefactory/trt-engines",
            TensorRtTimingCacheDirectory = "/var/lib/edgefactory/trt-timing",
            Options = new Dictionary<string, string> { ["trt_max_workspace_size"] = "1073741824" },
        });

        Assert.Equal("1", settings["device_id"]);
        Assert.Equal("1", settings["trt_fp16_enable"]);
        Assert.Equal("1", settings["trt_engine_cache_enable"]);
        Assert.Equal("/var/lib/edgefactory/trt-engines", settings["trt_engine_cache_path"]);
        Assert.Equal("1", settings["trt_timing_cache_enable"]);
        Assert.Equal("/var/lib/edgefactory/trt-timing", settings["trt_timing_cache_path"]);
        Assert.Equal("1073741824", settings["trt_max_workspace_size"]);
    }
}
