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

    public static InferenceSessionOptions Session(string providers, int threads) => new()
    {
        Providers = ExecutionProviderPreference.ParseList(providers),
        IntraOpThreads = threads,
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
