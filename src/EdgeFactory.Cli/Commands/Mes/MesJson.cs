using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeFactory.Cli.Commands.Mes;

/// <summary>JSON the MES commands write: parameter values, results and the simulator's report.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
[JsonSerializable(typeof(MesSimReport))]
internal sealed partial class MesJson : JsonSerializerContext;
