namespace EdgeFactory.Robotics.Safety;

/// <summary>The stable reason codes of <see cref="SafetyReason"/> (metric tags, logs, docs).</summary>
public static class SafetyReasons
{
    private static readonly string[] Codes = ["none", "nan", "position_limit", "velocity_limit", "acceleration_limit", "step_limit", "keep_out", "stale_state", "estop"];

    /// <summary>Number of values of <see cref="SafetyReason"/>, <see cref="SafetyReason.None"/> included.</summary>
    public const int Count = 9;

    /// <summary>The reason's code, e.g. <c>position_limit</c>.</summary>
    public static string Code(SafetyReason reason) => Codes[(int)reason];
}
