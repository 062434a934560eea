using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace EdgeFactory.Robotics.Io;

/// <summary>Opens the GPIO controller the options name; the e-stop and stack light use it the same way whatever the driver.</summary>
public static class GpioControllers
{
    /// <summary>A controller over libgpiod's chip, or over <paramref name="simulated"/> (a new one when null) for the simulated driver.</summary>
    public static GpioController Open(GpioOptions options, SimulatedGpioDriver? simulated = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        GpioDriver driver = options.Driver == GpioDriverKind.LibGpiod ? new LibGpiodDriver(options.Chip) : simulated ?? new SimulatedGpioDriver();
        return new GpioController(driver);
    }
}
