using System.Numerics;

namespace EdgeFactory.Robotics.Safety;

/// <summary>An axis-aligned box in the robot's base frame (metres) the tool point must never enter.</summary>
/// <param name="Name">Name in logs (e.g. <c>operator-station</c>).</param>
/// <param name="Min">Lowest corner.</param>
/// <param name="Max">Highest corner.</param>
public sealed record KeepOutBox(string Name, Vector3 Min, Vector3 Max)
{
    /// <summary>Whether <paramref name="point"/> lies inside the box or on its faces.</summary>
    public bool Contains(Vector3 point) =>
        point.X >= Min.X && point.X <= Max.X && point.Y >= Min.Y && point.Y <= Max.Y && point.Z >= Min.Z && point.Z <= Max.Z;
}
