using System.Device.Gpio;

namespace EdgeFactory.Robotics.Io;

/// <summary>The e-stop input line and which level means "stop".</summary>
public sealed record EmergencyStopOptions
{
    /// <summary>Line number of the e-stop input on the GPIO chip.</summary>
    public required int Line { get; init; }

    /// <summary>The level the line has while the e-stop is pressed (low for a normally-closed loop pulled up, the usual wiring).</summary>
    public PinValue ActiveLevel { get; init; } = PinValue.Low;

    /// <summary>How the line is opened (plain input, or with the chip's pull-up or pull-down).</summary>
    public PinMode InputMode { get; init; } = PinMode.Input;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Line < 0)
        {
            throw new ArgumentException("The e-stop line number must be ≥ 0.", nameof(Line));
        }

        if (InputMode is not (PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown))
        {
            throw new ArgumentException($"The e-stop line must be an input, not {InputMode}.", nameof(InputMode));
        }
    }
}
