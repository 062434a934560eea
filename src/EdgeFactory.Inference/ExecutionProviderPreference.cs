namespace EdgeFactory.Inference;

/// <summary>One execution provider to try, with its options.</summary>
/// <param name="Kind">The provider.</param>
public sealed record ExecutionProviderPreference(ExecutionProviderKind Kind)
{
    /// <summary>CPU only.</summary>
    public static ExecutionProviderPreference Cpu { get; } = new(ExecutionProviderKind.Cpu);

    /// <summary>GPU index for CUDA and TensorRT.</summary>
    public int DeviceId { get; init; }

    /// <summary>Let TensorRT build fp16 engines.</summary>
    public bool TensorRtFp16 { get; init; }

    /// <summary>Where TensorRT keeps built engines so a restart does not rebuild them; null disables the cache.</summary>
    public string? TensorRtEngineCacheDirectory { get; init; }

    /// <summary>Where TensorRT keeps its layer timing cache, which shortens engine builds for similar models; null disables it.</summary>
    public string? TensorRtTimingCacheDirectory { get; init; }

    /// <summary>Further provider options passed to ONNX Runtime as they are (e.g. <c>gpu_mem_limit</c>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>ONNX Runtime's name for the provider.</summary>
    public string OrtName => OrtNameOf(Kind);

    /// <summary>Short name used in configuration and on the command line.</summary>
    public string ShortName => ShortNameOf(Kind);

    /// <summary>ONNX Runtime's name for a provider kind.</summary>
    public static string OrtNameOf(ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.Cuda => "CUDAExecutionProvider",
        ExecutionProviderKind.TensorRt => "TensorrtExecutionProvider",
        _ => "CPUExecutionProvider",
    };

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>tensorrt</c>.</summary>
    public static string ShortNameOf(ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.Cuda => "cuda",
        ExecutionProviderKind.TensorRt => "tensorrt",
        _ => "cpu",
    };

    /// <summary>Parses <c>tensorrt,cuda,cpu</c>; an unknown name is a typed error listing the known ones.</summary>
    public static IReadOnlyList<ExecutionProviderPreference> ParseList(string text)
    {
        var list = new List<ExecutionProviderPreference>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var kind = part.ToLowerInvariant() switch
            {
                "cpu" => ExecutionProviderKind.Cpu,
                "cuda" => ExecutionProviderKind.Cuda,
                "tensorrt" or "trt" => ExecutionProviderKind.TensorRt,
                _ => throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"'{part}' is not an execution provider; use cpu, cuda or tensorrt."),
            };
            list.Add(new ExecutionProviderPreference(kind));
        }

        return list.Count > 0 ? list : [Cpu];
    }
}
