using EdgeFactory.Inference.Native;

namespace EdgeFactory.Inference;

/// <summary>Facts about the ONNX Runtime library this process uses.</summary>
public static class OnnxRuntimeInfo
{
    /// <summary>Loads the library (if needed) and returns its path and version.</summary>
    public static (string Path, string Version) Load(string? configuredPath = null)
    {
        var version = OrtLibrary.Version(configuredPath);
        return (OrtLibrary.LoadedPath, version);
    }

    /// <summary>Execution providers compiled into the loaded library, in ONNX Runtime's names (e.g. <c>CUDAExecutionProvider</c>).</summary>
    public static IReadOnlyList<string> AvailableProviders() => OrtProviders.Available();
}
