using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeFactory.Runtime;

/// <summary>Source-generated JSON for the runtime's own values (parameters, results, journal columns).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
