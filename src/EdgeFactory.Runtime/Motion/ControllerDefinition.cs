namespace EdgeFactory.Runtime.Motion;

/// <summary>
/// One controller of a robot kind (its arm, its hand, its belt), from the kind file's <c>motion.controllers</c>: what it
/// drives, which policy moves it, and the limits its safety envelope adds to the ones the controller announces.
/// </summary>
/// <param name="Name">Name the site file's <c>link:</c> and the skills use (e.g. <c>arm</c>).</param>
/// <param name="Device">What it drives.</param>
public sealed record ControllerDefinition(string Name, ControllerDevice Device)
{
    /// <summary>The site's policy (a name under the site file's <c>policies:</c>) that moves it; null for conveyors.</summary>
    public string? Policy { get; init; }

    /// <summary>Largest joint acceleration the envelope lets through, per second squared.</summary>
    public double AccelerationMax { get; init; } = 20;

    /// <summary>Largest change of a joint's setpoint in one control period.</summary>
    public double MaxStep { get; init; } = 0.05;

    /// <summary>How close to its target every joint must be for a motion to count as settled.</summary>
    public double Tolerance { get; init; } = 0.01;

    /// <summary>Boxes the tool point must stay out of (arms only).</summary>
    public IReadOnlyList<KeepOutDefinition> KeepOut { get; init; } = [];
}
