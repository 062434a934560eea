using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace EdgeFactory.Inference.Compilation;

/// <summary>
/// Builds a TensorRT engine for a model ahead of time, on the device type it will run on, and writes an EP-context model
/// that holds the engine, so a device never spends minutes building one on first start.
/// </summary>
public static class EngineCompiler
{
    /// <summary>
    /// Compiles <paramref name="modelPath"/> for <paramref name="provider"/> (TensorRT) into <paramref name="outputDirectory"/>.
    /// <paramref name="inputShapes"/> fixes the engine's shape for inputs with open dimensions. Where TensorRT is absent this fails
    /// at once with an <see cref="OnnxRuntimeException"/> naming what is missing.
    /// </summary>
    public static CompiledModel Compile(
        string modelPath,
        string outputDirectory,
        ExecutionProviderPreference provider,
        IReadOnlyDictionary<string, long[]>? inputShapes = null,
        bool embedEngine = true,
        InferenceSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var name = Path.GetFileName(modelPath);
        if (provider.Kind != ExecutionProviderKind.TensorRt)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"{name}: only tensorrt builds engines ahead of time; {provider.ShortName} compiles nothing to keep.");
        }

        if (!File.Exists(modelPath))
        {
            throw new OnnxRuntimeException(OrtErrorCode.NoSuchFile, $"{name}: model file {Path.GetFullPath(modelPath)} does not exist.");
        }

        options ??= InferenceSessionOptions.Default;
        options.Validate();
        var readiness = ExecutionProviderReadiness.Check(ExecutionProviderKind.TensorRt);
        if (!readiness.Ready)
        {
            throw new OnnxRuntimeException(OrtErrorCode.ExecutionProviderFailure, $"{name}: TensorRT cannot build an engine here: {readiness.Detail} Fix: {readiness.Fix}");
        }

        var withShapes = inputShapes is { Count: > 0 } ? provider with { Options = ProfileOptions(provider, inputShapes) } : provider;
        return Write(modelPath, outputDirectory, options, withShapes, embedEngine);
    }

    /// <summary>Runs ONNX Runtime's compile API with <paramref name="provider"/> appended and collects what it wrote.</summary>
    internal static CompiledModel Write(string modelPath, string outputDirectory, InferenceSessionOptions options, ExecutionProviderPreference provider, bool embedEngine)
    {
        var name = Path.GetFileName(modelPath);
        Directory.CreateDirectory(outputDirectory);
        var output = Path.Combine(Path.GetFullPath(outputDirectory), $"{Path.GetFileNameWithoutExtension(name)}_ctx.onnx");
        var before = Directory.GetFiles(outputDirectory).ToHashSet(StringComparer.Ordinal);
        using var sessionOptions = SessionSettings.Create(options, provider, name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var compilation = new OrtModelCompilationOptions(sessionOptions);
            compilation.SetInputModelPath(Path.GetFullPath(modelPath));
            compilation.SetOutputModelPath(output);
            compilation.SetEpContextEmbedMode(embedEngine);
            compilation.SetFlags(OrtCompileApiFlags.ERROR_IF_NO_NODES_COMPILED);
            compilation.CompileModel();
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw OrtFailure.Wrap(e, $"{name}: compiling for {provider.OrtName}");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var written = Directory.GetFiles(outputDirectory).Where(f => !before.Contains(f) || f == output).Order(StringComparer.Ordinal).ToArray();
        return new CompiledModel(output, provider.Kind, elapsed, written);
    }

    /// <summary>TensorRT's optimisation profile pinned to the given shapes (<c>x:1x3x640x640</c>), so the engine is built once for them.</summary>
    private static Dictionary<string, string> ProfileOptions(ExecutionProviderPreference provider, IReadOnlyDictionary<string, long[]> shapes)
    {
        var profile = string.Join(',', shapes.Select(kv => $"{kv.Key}:{string.Join('x', kv.Value.Select(d => d.ToString(CultureInfo.InvariantCulture)))}"));
        var merged = new Dictionary<string, string>(provider.Options, StringComparer.Ordinal)
        {
            ["trt_profile_min_shapes"] = profile,
            ["trt_profile_opt_shapes"] = profile,
            ["trt_profile_max_shapes"] = profile,
        };
        return merged;
    }
}
