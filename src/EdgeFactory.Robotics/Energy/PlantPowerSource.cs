using EdgeFactory.Robotics.Link;

namespace EdgeFactory.Robotics.Energy;

/// <summary>The power a robot's controller reports in <c>JOINT_STATE</c> (<c>power_w</c>).</summary>
/// <remarks>Read on the thread that polls the link, or accept a reading one state old: a float is never torn.</remarks>
public sealed class PlantPowerSource : IPowerSource
{
    private readonly RobotState _state;

    /// <summary>Reads <paramref name="state"/>'s power.</summary>
    public PlantPowerSource(string name, RobotState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Name = name;
        _state = state;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool TryRead(out double watts)
    {
        watts = _state.PowerWatts;
        return _state.Updates > 0 && double.IsFinite(watts) && watts >= 0;
    }
}
