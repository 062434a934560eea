namespace EdgeFactory.Robotics.Io;

/// <summary>What the stack light shows.</summary>
public enum SiteLight
{
    /// <summary>All lamps off (idle).</summary>
    Off = 0,

    /// <summary>Green: running.</summary>
    Running = 1,

    /// <summary>Amber: a robot is faulted.</summary>
    Faulted = 2,

    /// <summary>Red: e-stop.</summary>
    EmergencyStop = 3,
}
