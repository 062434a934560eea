namespace EdgeFactory.Inference.Tests;

public sealed class ExecutionProvidersTests
{
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

    [Fact]
    public void Settings_CudaWithPassThroughOptions_KeepsTheCallersLast()
    {
        var settings = ExecutionProviders.Settings(new ExecutionProviderPreference(ExecutionProviderKind.Cuda)
        {
            Options = new Dictionary<string, string> { ["gpu_mem_limit"] = "2147483648", ["device_id"] = "2" },
        });

        Assert.Equal("2147483648", settings["gpu_mem_limit"]);
        Assert.Equal("2", settings["device_id"]);
        Assert.False(settings.ContainsKey("trt_fp16_enable"));
    }
}
