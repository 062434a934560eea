namespace EdgeFactory.Runtime.Sites;

/// <summary>Where the site's e-stop button and stack light are wired (<c>io:</c> in the site file).</summary>
public sealed record SiteIoSettings
{
    /// <summary>Whether the lines are on a real GPIO chip through libgpiod (a device) or on a simulated chip (tests, demos).</summary>
    public bool LibGpiod { get; init; }

    /// <summary>The GPIO chip number, e.g. 0 for <c>/dev/gpiochip0</c>.</summary>
    public int Chip { get; init; }

    /// <summary>The e-stop button's input line.</summary>
    public int EmergencyStopLine { get; init; } = 17;

    /// <summary>Whether the e-stop is active when its line is high (false: active low, a normally-closed loop with a pull-up).</summary>
    public bool EmergencyStopActiveHigh { get; init; }

    /// <summary>The stack light's green, amber and red output lines.</summary>
    public (int Green, int Amber, int Red) StackLight { get; init; } = (22, 23, 24);
}
