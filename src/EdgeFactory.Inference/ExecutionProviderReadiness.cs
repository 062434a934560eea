using EdgeFactory.Inference.Native;
using Microsoft.ML.OnnxRuntime;

namespace EdgeFactory.Inference;

/// <summary>Whether an execution provider can be used with this process's ONNX Runtime, and exactly what to install when it cannot.</summary>
/// <param name="Provider">The provider checked.</param>
/// <param name="Ready">Whether ONNX Runtime accepted the provider (its library and the libraries it needs loaded).</param>
/// <param name="Detail">What was found, in ONNX Runtime's words where it refused.</param>
/// <param name="Fix">What to install or change; empty when ready.</param>
public sealed record ExecutionProviderReadiness(ExecutionProviderKind Provider, bool Ready, string Detail, string Fix)
{
    /// <summary>How to get a library built with the GPU providers.</summary>
    public const string BuildFix =
        "Use a build with GPU providers: on x86-64 NVIDIA machines build EdgeFactory with -p:OnnxRuntimeFlavor=gpu (package Microsoft.ML.OnnxRuntime.Gpu.Linux); "
        + "on a Jetson set " + OnnxRuntimeLibrary.EnvironmentVariable + " (or --onnxruntime) to JetPack's libonnxruntime.so.";

    /// <summary>Libraries the GPU flavour's providers load, by provider.</summary>
    public static IReadOnlyList<string> RequiredLibraries(ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.Cuda => ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcudnn.so.9"],
        ExecutionProviderKind.TensorRt => ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcudnn.so.9", "libnvinfer.so.10", "libnvonnxparser.so.10"],
        _ => [],
    };

    /// <summary>What a provider's library needs besides itself.</summary>
    public static string LibraryFix(ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.Cuda =>
            "The GPU flavour's CUDA provider needs the NVIDIA driver (libcuda.so.1), CUDA 13 (libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10) "
            + "and cuDNN 9 (libcudnn.so.9) on the library path (ldconfig or LD_LIBRARY_PATH, e.g. the lib/ folders of the nvidia-*-cu13 Python packages); "
            + "JetPack's build uses JetPack's CUDA and cuDNN.",
        ExecutionProviderKind.TensorRt =>
            "The TensorRT provider needs TensorRT 10 (libnvinfer.so.10, libnvonnxparser.so.10) on the library path, "
            + "besides the CUDA 13 and cuDNN 9 libraries the CUDA provider needs; on a Jetson install JetPack's TensorRT.",
        _ => string.Empty,
    };

    /// <summary>Checks <paramref name="kind"/>: built into the library, its libraries present, accepted by ONNX Runtime.</summary>
    public static ExecutionProviderReadiness Check(ExecutionProviderKind kind)
    {
        if (kind == ExecutionProviderKind.Cpu)
        {
            return new(kind, true, "always available", string.Empty);
        }

        var name = ExecutionProviderPreference.OrtNameOf(kind);
        var available = OnnxRuntimeInfo.AvailableProviders();
        if (!available.Contains(name))
        {
            return new(kind, false, $"this ONNX Runtime build has no {name} (it has {string.Join(", ", available)}).", BuildFix);
        }

        var missing = RequiredLibraries(kind).Where(library => !NativeLibraries.CanLoad(library)).ToArray();
        try
        {
            using var options = new SessionOptions();
            ExecutionProviders.Append(options, new ExecutionProviderPreference(kind), "provider check");
        }
        catch (OnnxRuntimeException e)
        {
            var also = missing.Length > 0 ? $" Not found: {string.Join(", ", missing)}." : string.Empty;
            var fix = LibraryFix(kind);
            return new(kind, false, e.Message.Replace(" " + fix, string.Empty, StringComparison.Ordinal) + also, fix);
        }

        var note = missing.Length > 0 ? $" (this library found its own dependencies; the GPU flavour's {string.Join(", ", missing)} are absent)" : string.Empty;
        return new(kind, true, $"{name} loads{note}", string.Empty);
    }
}
