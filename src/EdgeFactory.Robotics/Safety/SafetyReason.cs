namespace EdgeFactory.Robotics.Safety;

/// <summary>Why the envelope clamped or held a command; <see cref="None"/> when it passed unchanged.</summary>
public enum SafetyReason
{
    /// <summary>Passed unchanged.</summary>
    None = 0,

    /// <summary>A target was NaN or infinite: held.</summary>
    Nan,

    /// <summary>A position beyond the joint's range: clamped to it.</summary>
    PositionLimit,

    /// <summary>A step faster than the joint's top speed: clamped to it.</summary>
    VelocityLimit,

    /// <summary>Speeding up faster than the joint's top acceleration: clamped to it.</summary>
    AccelerationLimit,

    /// <summary>A setpoint further than the largest step from the last command: held.</summary>
    StepLimit,

    /// <summary>The tool point would enter a keep-out box: held.</summary>
    KeepOut,

    /// <summary>No fresh state for too many periods: held.</summary>
    StaleState,

    /// <summary>The e-stop is latched: held.</summary>
    Estop,
}
