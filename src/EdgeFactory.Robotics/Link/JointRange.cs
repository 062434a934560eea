namespace EdgeFactory.Robotics.Link;

/// <summary>A joint's limits as a controller announces them in <c>CAPABILITIES</c>.</summary>
/// <param name="PositionMin">Lowest position.</param>
/// <param name="PositionMax">Highest position.</param>
/// <param name="VelocityMax">Largest speed, per second.</param>
public readonly record struct JointRange(float PositionMin, float PositionMax, float VelocityMax);
