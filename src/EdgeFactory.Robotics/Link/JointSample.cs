namespace EdgeFactory.Robotics.Link;

/// <summary>One joint's measured state as a controller reports it.</summary>
/// <param name="Position">Position (rad or m).</param>
/// <param name="Velocity">Velocity per second.</param>
/// <param name="Effort">Torque or force.</param>
public readonly record struct JointSample(float Position, float Velocity, float Effort);
