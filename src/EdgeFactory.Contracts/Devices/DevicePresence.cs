using System.Text.Json.Serialization;
using EdgeFactory.Contracts.Json;

namespace EdgeFactory.Contracts.Devices;

/// <summary>Whether an edge device is connected to its site broker, and whether it is healthy.</summary>
[JsonConverter(typeof(StrictEnumConverter<DevicePresence>))]
public enum DevicePresence
{
    /// <summary>Connected and running.</summary>
    [JsonStringEnumMemberName("online")] Online,

    /// <summary>Disconnected: shut down, crashed or cut off (published by the broker as the will).</summary>
    [JsonStringEnumMemberName("offline")] Offline,

    /// <summary>Connected, but a part of it failed and is being restarted (the reason says which); tasks may go unanswered meanwhile.</summary>
    [JsonStringEnumMemberName("degraded")] Degraded,
}
