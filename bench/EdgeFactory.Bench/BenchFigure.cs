using System.Text.Json.Serialization;

namespace EdgeFactory.Bench;

/// <summary>One line of <c>bench-results/&lt;area&gt;.jsonl</c>.</summary>
internal sealed record BenchFigure(
    [property: JsonPropertyName("bench")] string Bench,
    [property: JsonPropertyName("case")] string Case,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("ours")] double Ours,
    [property: JsonPropertyName("peer")] double? Peer,
    [property: JsonPropertyName("ratio")] double? Ratio);

/// <summary>Source-generated JSON for the report.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BenchFigure))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
