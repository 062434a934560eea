namespace EdgeFactory.Runtime.Motion;

/// <summary>A box in the robot's base frame, in metres, that the tool point must stay out of.</summary>
/// <param name="Name">Name in counters and errors (e.g. <c>fixture</c>).</param>
/// <param name="Min">Lower corner (x, y, z).</param>
/// <param name="Max">Upper corner (x, y, z).</param>
public sealed record KeepOutDefinition(string Name, IReadOnlyList<double> Min, IReadOnlyList<double> Max);
