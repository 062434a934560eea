namespace EdgeFactory.Robotics.Safety;

/// <summary>What the envelope allows one joint: a position range, a top speed and acceleration, and the largest step per cycle.</summary>
/// <param name="PositionMin">Lowest position (rad or m).</param>
/// <param name="PositionMax">Highest position.</param>
/// <param name="VelocityMax">Top speed, per second.</param>
/// <param name="AccelerationMax">Top acceleration, per second squared.</param>
/// <param name="MaxStep">A setpoint further than this from the last command is refused: its source is not tracking the robot.</param>
public readonly record struct JointLimit(float PositionMin, float PositionMax, float VelocityMax, float AccelerationMax, float MaxStep);
