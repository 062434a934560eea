using System.Diagnostics.Metrics;

namespace EdgeFactory.Robotics;

/// <summary>The meter every robotics counter and histogram is created on.</summary>
public static class RoboticsMetrics
{
    /// <summary>Name of the meter (<c>EdgeFactory.Robotics</c>).</summary>
    public const string MeterName = "EdgeFactory.Robotics";

    /// <summary>The meter.</summary>
    public static readonly Meter Meter = new(MeterName);
}
