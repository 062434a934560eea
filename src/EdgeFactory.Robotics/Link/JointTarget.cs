namespace EdgeFactory.Robotics.Link;

/// <summary>One joint's setpoint: a position (rad or m) and a velocity (feed-forward in position mode, the target in velocity mode).</summary>
/// <param name="Position">Target position.</param>
/// <param name="Velocity">Velocity per second.</param>
public readonly record struct JointTarget(float Position, float Velocity);
