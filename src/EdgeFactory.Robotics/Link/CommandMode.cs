namespace EdgeFactory.Robotics.Link;

/// <summary>How a controller reads a <c>JOINT_COMMAND</c>.</summary>
public enum CommandMode : byte
{
    /// <summary>Targets are positions; velocities are a feed-forward hint.</summary>
    Position = 0,

    /// <summary>Targets are velocities.</summary>
    Velocity = 1,
}
