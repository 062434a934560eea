namespace EdgeFactory.Robotics.Io;

/// <summary>Arguments of <see cref="EmergencyStop.Tripped"/>.</summary>
/// <param name="Source">What tripped it.</param>
/// <param name="At">When, in <see cref="TimeProvider.GetTimestamp"/> ticks.</param>
public readonly record struct EmergencyStopArguments(EmergencyStopSource Source, long At);
