namespace EdgeFactory.Robotics.Link;

/// <summary>What a controller announced in <c>CAPABILITIES</c>: its kind, joints and their limits, I/O and watchdog.</summary>
public sealed record RobotCapabilities
{
    /// <summary>Plant kind.</summary>
    public required RobotKind Kind { get; init; }

    /// <summary>The controller's name (at most 16 ASCII characters on the wire).</summary>
    public required string Name { get; init; }

    /// <summary>Limits per joint; its count is the joint count (1 … 16).</summary>
    public required IReadOnlyList<JointRange> Joints { get; init; }

    /// <summary>Digital inputs (0 … 32).</summary>
    public int Inputs { get; init; }

    /// <summary>Digital outputs (0 … 32).</summary>
    public int Outputs { get; init; }

    /// <summary>How long the controller waits for a command or heartbeat before it brakes.</summary>
    public TimeSpan Watchdog { get; init; }
}
