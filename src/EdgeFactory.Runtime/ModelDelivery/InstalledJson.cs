using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>Source-generated JSON of the slot table and the delivery status file.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<InstalledSlot>))]
[JsonSerializable(typeof(DeliveryStatus))]
internal sealed partial class InstalledJson : JsonSerializerContext;
