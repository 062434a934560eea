using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>Source-generated JSON of the slot table.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<InstalledSlot>))]
internal sealed partial class InstalledJson : JsonSerializerContext;
