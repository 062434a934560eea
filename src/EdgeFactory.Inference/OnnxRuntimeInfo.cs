namespace EdgeFactory.Inference;

/// <summary>Facts about the ONNX Runtime library this process uses.</summary>
public static class OnnxRuntimeInfo
{
    /// <summary>Loads the library (if needed; see <see cref="OnnxRuntimeLibrary.Load"/>) and returns its path and version.</summary>
    public static (string Path, string Version) Load(string? configuredPath = null)
    {
        OnnxRuntimeLibrary.Load(configuredPath);
        return (OnnxRuntimeLibrary.LoadedPath, OnnxRuntimeLibrary.Environment().GetVersionString());
    }

    /// <summary>Execution providers compiled into the loaded library, in ONNX Runtime's names (e.g. <c>CUDAExecutionProvider</c>).</summary>
    public static IReadOnlyList<string> AvailableProviders() => OnnxRuntimeLibrary.Environment().GetAvailableProviders();
}
