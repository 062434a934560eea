using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary>Lists the providers compiled into the library and appends CUDA or TensorRT to session options.</summary>
internal static unsafe class OrtProviders
{
    public static IReadOnlyList<string> Available()
    {
        byte** names;
        int count;
        OrtApi.Check(OrtApi.GetAvailableProviders(&names, &count), "listing execution providers");
        try
        {
            var list = new string[count];
            for (var i = 0; i < count; i++)
            {
                list[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty;
            }

            return list;
        }
        finally
        {
            OrtApi.Check(OrtApi.ReleaseAvailableProviders(names, count), "releasing the provider list");
        }
    }

    /// <summary>Appends <paramref name="provider"/>; throws <see cref="OnnxRuntimeException"/> with the reason when it cannot be used.</summary>
    public static void Append(OrtHandle options, ExecutionProviderPreference provider, string model)
    {
        if (provider.Kind == ExecutionProviderKind.Cpu)
        {
            return;
        }

        var available = Available();
        if (!available.Contains(provider.OrtName))
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.ExecutionProviderFailure,
                $"{model}: this ONNX Runtime build has no {provider.OrtName} (it has {string.Join(", ", available)}); point EDGEFACTORY_ONNXRUNTIME at a GPU build to use it.");
        }

        var settings = new Dictionary<string, string>(provider.Options, StringComparer.Ordinal)
        {
            ["device_id"] = provider.DeviceId.ToString(CultureInfo.InvariantCulture),
        };
        if (provider.Kind == ExecutionProviderKind.TensorRt)
        {
            settings["trt_fp16_enable"] = provider.TensorRtFp16 ? "1" : "0";
            if (provider.TensorRtEngineCacheDirectory is { } cache)
            {
                settings["trt_engine_cache_enable"] = "1";
                settings["trt_engine_cache_path"] = cache;
            }
        }

        var keys = settings.Keys.Select(k => new Utf8String(k)).ToArray();
        var values = settings.Values.Select(v => new Utf8String(v)).ToArray();
        var keyPointers = keys.Select(k => (nint)k.Pointer).ToArray();
        var valuePointers = values.Select(v => (nint)v.Pointer).ToArray();
        var what = $"{model}: appending {provider.OrtName}";
        try
        {
            fixed (nint* k = keyPointers, v = valuePointers)
            {
                if (provider.Kind == ExecutionProviderKind.Cuda)
                {
                    AppendV2(options.Raw, (byte**)k, (byte**)v, (nuint)keys.Length, what, OrtApi.CreateCUDAProviderOptions, OrtApi.UpdateCUDAProviderOptions, OrtApi.SessionOptionsAppendExecutionProvider_CUDA_V2, OrtApi.ReleaseCUDAProviderOptions);
                }
                else
                {
                    AppendV2(options.Raw, (byte**)k, (byte**)v, (nuint)keys.Length, what, OrtApi.CreateTensorRTProviderOptions, OrtApi.UpdateTensorRTProviderOptions, OrtApi.SessionOptionsAppendExecutionProvider_TensorRT_V2, OrtApi.ReleaseTensorRTProviderOptions);
                }
            }
        }
        finally
        {
            foreach (var s in keys.Concat(values))
            {
                s.Dispose();
            }
        }
    }

    /// <summary>The V2 provider-options dance CUDA and TensorRT share: create, update from key/value pairs, append, release.</summary>
    private static void AppendV2(
        nint options,
        byte** keys,
        byte** values,
        nuint count,
        string what,
        delegate* unmanaged[Cdecl]<nint*, nint> create,
        delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint> update,
        delegate* unmanaged[Cdecl]<nint, nint, nint> append,
        delegate* unmanaged[Cdecl]<nint, void> release)
    {
        nint providerOptions;
        OrtApi.Check(create(&providerOptions), what);
        try
        {
            OrtApi.Check(update(providerOptions, keys, values, count), what);
            OrtApi.Check(append(options, providerOptions), what);
        }
        finally
        {
            release(providerOptions);
        }
    }
}
