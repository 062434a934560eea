using System.Device.Gpio;

namespace EdgeFactory.Robotics.Io;

/// <summary>The stack light's output lines.</summary>
public sealed record StackLightOptions
{
    /// <summary>Line of the green lamp.</summary>
    public required int GreenLine { get; init; }

    /// <summary>Line of the amber lamp.</summary>
    public required int AmberLine { get; init; }

    /// <summary>Line of the red lamp.</summary>
    public required int RedLine { get; init; }

    /// <summary>The level that lights a lamp.</summary>
    public PinValue OnLevel { get; init; } = PinValue.High;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (GreenLine < 0 || AmberLine < 0 || RedLine < 0)
        {
            throw new ArgumentException("Stack light line numbers must be ≥ 0.", nameof(GreenLine));
        }

        if (GreenLine == AmberLine || GreenLine == RedLine || AmberLine == RedLine)
        {
            throw new ArgumentException("The stack light's three lamps need three different lines.", nameof(GreenLine));
        }
    }
}
