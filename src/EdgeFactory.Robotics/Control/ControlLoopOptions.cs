namespace EdgeFactory.Robotics.Control;

/// <summary>How fast a robot's control loop runs and how it waits for each deadline.</summary>
public sealed record ControlLoopOptions
{
    /// <summary>Robot id in metrics and logs.</summary>
    public required string Robot { get; init; }

    /// <summary>Cycles per second, 100 … 500.</summary>
    public int RateHz { get; init; } = 250;

    /// <summary>The last part before each deadline spent spinning instead of sleeping (docs/robotics.md, "Timing").</summary>
    public TimeSpan SpinWindow { get; init; } = TimeSpan.FromMicroseconds(200);

    /// <summary>The control period, 1 / <see cref="RateHz"/>.</summary>
    public TimeSpan Period => TimeSpan.FromTicks(TimeSpan.TicksPerSecond / RateHz);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Robot))
        {
            throw new ArgumentException("A control loop needs the robot's id.", nameof(Robot));
        }

        if (RateHz is < 100 or > 500)
        {
            throw new ArgumentException($"Robot {Robot}: the control rate must be 100 to 500 Hz, not {RateHz}.", nameof(RateHz));
        }

        if (SpinWindow < TimeSpan.Zero || SpinWindow > Period)
        {
            throw new ArgumentException($"Robot {Robot}: the spin window must be between 0 and one period.", nameof(SpinWindow));
        }
    }
}
