using EdgeFactory.Contracts.Robots;

namespace EdgeFactory.Runtime.TaskTypes;

/// <summary>Robot family names as written in site and kind files.</summary>
public static class RobotKindNames
{
    /// <summary>The names, in the order people read them.</summary>
    public static IReadOnlyList<string> All { get; } = ["humanoid", "conveyor", "pick_place_cell"];

    /// <summary>Reads a family name.</summary>
    public static bool TryParse(string name, out RobotKind kind)
    {
        (var ok, kind) = name switch
        {
            "humanoid" => (true, RobotKind.Humanoid),
            "conveyor" => (true, RobotKind.Conveyor),
            "pick_place_cell" => (true, RobotKind.PickPlaceCell),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Writes a family name.</summary>
    public static string Of(RobotKind kind) => All[(int)kind];
}
