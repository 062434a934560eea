namespace EdgeFactory.Robotics.Io;

/// <summary>The site's GPIO: which driver, and which chip on hardware.</summary>
public sealed record GpioOptions
{
    /// <summary>The driver.</summary>
    public GpioDriverKind Driver { get; init; } = GpioDriverKind.Simulated;

    /// <summary>GPIO chip number for libgpiod (<c>/dev/gpiochipN</c>).</summary>
    public int Chip { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Driver) || Chip < 0)
        {
            throw new ArgumentException($"GPIO: unknown driver {Driver} or negative chip {Chip}.", nameof(Driver));
        }
    }
}
