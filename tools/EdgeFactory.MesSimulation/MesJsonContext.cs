using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeFactory.MesSimulation;

/// <summary>Source-generated JSON for the parameter values the simulator generates.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
internal sealed partial class MesJsonContext : JsonSerializerContext;
