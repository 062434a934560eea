using System.Text.Json.Serialization;
using EdgeFactory.Contracts.Json;

namespace EdgeFactory.Contracts.Robots;

/// <summary>The families of robot a site can host.</summary>
[JsonConverter(typeof(StrictEnumConverter<RobotKind>))]
public enum RobotKind
{
    /// <summary>A general-purpose humanoid.</summary>
    [JsonStringEnumMemberName("humanoid")] Humanoid,

    /// <summary>A conveyor or transfer line.</summary>
    [JsonStringEnumMemberName("conveyor")] Conveyor,

    /// <summary>A pick-and-place cell.</summary>
    [JsonStringEnumMemberName("pick_place_cell")] PickPlaceCell,
}
