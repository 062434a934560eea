using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeFactory.Cli.Commands.Vision;

/// <summary>JSON forms of the vision commands' reports.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(VisionOcrReport))]
[JsonSerializable(typeof(VisionBenchReport))]
internal sealed partial class VisionJson : JsonSerializerContext;

/// <summary>Output of <c>vision ocr --json</c>.</summary>
internal sealed record VisionOcrReport(IReadOnlyList<VisionImageReport> Images);

/// <summary>What was read from one image, or why not.</summary>
internal sealed record VisionImageReport(string File, IReadOnlyList<VisionLineReport> Lines, IReadOnlyDictionary<string, double> StageMs, double TotalMs, string? Error, string? Code);

/// <summary>One line read: text, corners clockwise from top-left, confidences.</summary>
internal sealed record VisionLineReport(string Text, IReadOnlyList<float[]> Box, float Confidence, float BoxScore);

/// <summary>Output of <c>vision bench --json</c>.</summary>
internal sealed record VisionBenchReport(
    string Folder,
    int Images,
    int Rounds,
    string ExecutionProvider,
    double P50Ms,
    double P99Ms,
    double ImagesPerSecond,
    IReadOnlyDictionary<string, double> StageP50Ms,
    IReadOnlyDictionary<string, double> StageBytesPerImage);
