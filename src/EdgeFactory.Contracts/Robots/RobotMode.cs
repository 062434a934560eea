using System.Text.Json.Serialization;
using EdgeFactory.Contracts.Json;

namespace EdgeFactory.Contracts.Robots;

/// <summary>What a robot is doing, as published on its retained state topic.</summary>
[JsonConverter(typeof(StrictEnumConverter<RobotMode>))]
public enum RobotMode
{
    /// <summary>Ready for a task.</summary>
    [JsonStringEnumMemberName("idle")] Idle,

    /// <summary>Running a task.</summary>
    [JsonStringEnumMemberName("busy")] Busy,

    /// <summary>Stopped by a fault; needs attention before it takes tasks again.</summary>
    [JsonStringEnumMemberName("faulted")] Faulted,

    /// <summary>Held by the safety envelope (e-stop, light curtain).</summary>
    [JsonStringEnumMemberName("stopped")] Stopped,

    /// <summary>Its edge device is offline; set by the edge on shutdown.</summary>
    [JsonStringEnumMemberName("offline")] Offline,
}
