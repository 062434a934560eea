using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeFactory.Inference;

namespace EdgeFactory.Cli.Commands.Models;

/// <summary>JSON forms of the model commands' reports.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ModelInspection))]
[JsonSerializable(typeof(ModelBenchReport))]
[JsonSerializable(typeof(ModelRunReport))]
[JsonSerializable(typeof(ModelCompileReport))]
internal sealed partial class CliJson : JsonSerializerContext;

/// <summary>Output of <c>model inspect --json</c>.</summary>
internal sealed record ModelInspection(
    string File,
    long Bytes,
    string Sha256,
    string ExecutionProvider,
    IReadOnlyList<TensorInfo> Inputs,
    IReadOnlyList<TensorInfo> Outputs,
    ModelMetadata Model);

/// <summary>One input or output in a report; -1 marks an open dimension.</summary>
internal sealed record TensorInfo(string Name, string ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> SymbolicDimensions, string Text);

/// <summary>Output of <c>model bench --json</c>.</summary>
internal sealed record ModelBenchReport(
    string File,
    string ExecutionProvider,
    IReadOnlyList<string> Fallbacks,
    int Threads,
    IReadOnlyDictionary<string, string> InputShapes,
    int Runs,
    double P50Ms,
    double P99Ms,
    double MeanMs,
    double MaxMs,
    double RunsPerSecond,
    double AllocatedBytesPerRun,
    double LoadMs,
    IReadOnlyList<string> OpenDimensionsAssumed);

/// <summary>Output of <c>model run --json</c>.</summary>
internal sealed record ModelRunReport(string File, string ExecutionProvider, IReadOnlyList<ModelRunOutput> Outputs);

/// <summary>One output written by <c>model run</c>.</summary>
internal sealed record ModelRunOutput(string Name, string ElementType, IReadOnlyList<long> Shape, string Path);

/// <summary>Output of <c>model compile --json</c>.</summary>
internal sealed record ModelCompileReport(string File, string Provider, string Output, IReadOnlyList<string> Files, double BuildSeconds);
