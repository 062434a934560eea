using System.CommandLine;
using EdgeFactory.Inference;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary>Options shared by the model commands: provider preference, threads and input shapes.</summary>
internal static class ModelOptions
{
    public static Argument<string> File() => new("FILE") { Description = "ONNX model file." };

    public static Option<string> Providers() => new("--ep")
    {
        Description = "Execution providers to try in order, e.g. tensorrt,cuda,cpu; unavailable ones fall back to the next.",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Intra-op threads (0 lets ONNX Runtime choose).",
        DefaultValueFactory = _ => 0,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table." };

    /// <summary>The ONNX Runtime library to use instead of the one that comes with EdgeFactory (e.g. JetPack's).</summary>
    public static Option<string?> Library() => new("--onnxruntime")
    {
        Description = $"Path of the libonnxruntime.so to use (e.g. JetPack's GPU build); default: ${OnnxRuntimeLibrary.EnvironmentVariable}, else the library that comes with EdgeFactory.",
    };

    /// <summary>Loads the chosen library before any model, so a bad path is a clear error at start.</summary>
    public static void UseLibrary(ParseResult parse, Option<string?> library) => OnnxRuntimeLibrary.Load(parse.GetValue(library));

    public static Option<bool> Fp16() => new("--fp16") { Description = "Let TensorRT build fp16 engines." };

    public static Option<string?> EngineCache() => new("--engine-cache") { Description = "Folder where TensorRT keeps built engines across runs." };

    public static Option<string?> TimingCache() => new("--timing-cache") { Description = "Folder where TensorRT keeps its layer timing cache." };

    public static InferenceSessionOptions Session(string providers, int threads) => new()
    {
        Providers = ExecutionProviderPreference.ParseList(providers),
        IntraOpThreads = threads,
    };

    /// <summary>Session options whose TensorRT entries carry the fp16 and cache settings given.</summary>
    public static InferenceSessionOptions Session(string providers, int threads, bool fp16, string? engineCache, string? timingCache) => Session(providers, threads) with
    {
        Providers = [.. ExecutionProviderPreference.ParseList(providers).Select(p => p.Kind == ExecutionProviderKind.TensorRt
            ? p with { TensorRtFp16 = fp16, TensorRtEngineCacheDirectory = engineCache, TensorRtTimingCacheDirectory = timingCache }
            : p)],
    };

    /// <summary>Parses NAME=1x3x640x640 pairs.</summary>
    public static Dictionary<string, long[]> Shapes(IEnumerable<string> pairs)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new OnnxRuntimeException(OrtErrorCode.InvalidArgument, $"'{pair}' is not NAME=SHAPE; write e.g. x=1x3x640x640.");
            }

            shapes[pair[..eq]] = TensorShapes.Parse(pair[(eq + 1)..]);
        }

        return shapes;
    }
}
