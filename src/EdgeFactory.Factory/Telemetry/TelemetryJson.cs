using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>Source-generated JSON of the factory's telemetry endpoints.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<TelemetryDeviceReport>))]
[JsonSerializable(typeof(TelemetryIngestReport))]
public sealed partial class TelemetryJson : JsonSerializerContext;
