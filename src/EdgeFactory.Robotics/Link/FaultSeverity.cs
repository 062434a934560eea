namespace EdgeFactory.Robotics.Link;

/// <summary>How serious a controller fault is.</summary>
public enum FaultSeverity : byte
{
    /// <summary>The controller goes on.</summary>
    Warning = 1,

    /// <summary>The controller stopped.</summary>
    Stopped = 2,
}
