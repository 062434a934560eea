namespace EdgeFactory.Robotics.Safety;

/// <summary>What the envelope did with one command.</summary>
public enum SafetyVerdict
{
    /// <summary>Sent as asked.</summary>
    Passed = 0,

    /// <summary>Sent after clamping to the limits.</summary>
    Clamped = 1,

    /// <summary>Refused: the last safe position was sent instead, at zero velocity.</summary>
    Held = 2,
}
