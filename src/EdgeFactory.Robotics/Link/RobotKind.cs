namespace EdgeFactory.Robotics.Link;

/// <summary>The kind of plant a controller drives.</summary>
public enum RobotKind : byte
{
    /// <summary>A multi-joint arm.</summary>
    Arm = 1,

    /// <summary>A one-joint gripper.</summary>
    Gripper = 2,

    /// <summary>A one-joint conveyor.</summary>
    Conveyor = 3,
}
