using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace EdgeFactory.Inference;

/// <summary>Appends CUDA and TensorRT to session options with our settings, after checking the library was built with them.</summary>
internal static class ExecutionProviders
{
    public static void Append(SessionOptions options, ExecutionProviderPreference provider, string model)
    {
        if (provider.Kind == ExecutionProviderKind.Cpu)
        {
            return;
        }

        var available = OnnxRuntimeLibrary.Environment().GetAvailableProviders();
        if (!available.Contains(provider.OrtName))
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.ExecutionProviderFailure,
                $"{model}: this ONNX Runtime build has no {provider.OrtName} (it has {string.Join(", ", available)}). {ExecutionProviderReadiness.BuildFix}");
        }

        var settings = Settings(provider);
        try
        {
            if (provider.Kind == ExecutionProviderKind.Cuda)
            {
                using var cuda = new OrtCUDAProviderOptions();
                cuda.UpdateOptions(settings);
                options.AppendExecutionProvider_CUDA(cuda);
            }
            else
            {
                using var tensorRt = new OrtTensorRTProviderOptions();
                tensorRt.UpdateOptions(settings);
                options.AppendExecutionProvider_Tensorrt(tensorRt);
            }
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            var (_, text) = OrtFailure.Parse(e.Message);
            throw new OnnxRuntimeException(
                OrtErrorCode.ExecutionProviderFailure,
                $"{model}: {provider.OrtName} could not be used: {text} {ExecutionProviderReadiness.LibraryFix(provider.Kind)}",
                e);
        }
    }

    /// <summary>ONNX Runtime's provider options for <paramref name="provider"/>: ours first, then the caller's pass-through ones.</summary>
    public static Dictionary<string, string> Settings(ExecutionProviderPreference provider)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["device_id"] = provider.DeviceId.ToString(CultureInfo.InvariantCulture),
        };
        if (provider.Kind == ExecutionProviderKind.TensorRt)
        {
            settings["trt_fp16_enable"] = provider.TensorRtFp16 ? "1" : "0";
            if (provider.TensorRtEngineCacheDirectory is { } engines)
            {
                settings["trt_engine_cache_enable"] = "1";
                settings["trt_engine_cache_path"] = engines;
            }

            if (provider.TensorRtTimingCacheDirectory is { } timing)
            {
                settings["trt_timing_cache_enable"] = "1";
                settings["trt_timing_cache_path"] = timing;
            }
        }

        foreach (var (key, value) in provider.Options)
        {
            settings[key] = value;
        }

        return settings;
    }
}
