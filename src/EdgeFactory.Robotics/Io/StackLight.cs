using System.Device.Gpio;

namespace EdgeFactory.Robotics.Io;

/// <summary>The site's green/amber/red stack light: running → green, a faulted robot → amber, e-stop → red.</summary>
public sealed class StackLight : IDisposable
{
    private readonly GpioController _gpio;
    private readonly StackLightOptions _options;
    private readonly PinValue _off;

    /// <summary>Opens the three lines as outputs, all lamps off.</summary>
    public StackLight(GpioController gpio, StackLightOptions options)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _gpio = gpio;
        _options = options;
        _off = options.OnLevel == PinValue.High ? PinValue.Low : PinValue.High;
        _gpio.OpenPin(options.GreenLine, PinMode.Output, _off);
        _gpio.OpenPin(options.AmberLine, PinMode.Output, _off);
        _gpio.OpenPin(options.RedLine, PinMode.Output, _off);
    }

    /// <summary>What the light shows now.</summary>
    public SiteLight Current { get; private set; }

    /// <summary>What the site's state shows: e-stop beats a fault, a fault beats running.</summary>
    public static SiteLight For(bool emergencyStop, bool faulted, bool running) =>
        emergencyStop ? SiteLight.EmergencyStop : faulted ? SiteLight.Faulted : running ? SiteLight.Running : SiteLight.Off;

    /// <summary>Lights the lamp for <paramref name="light"/> and turns the others off.</summary>
    public void Show(SiteLight light)
    {
        _gpio.Write(_options.GreenLine, light == SiteLight.Running ? _options.OnLevel : _off);
        _gpio.Write(_options.AmberLine, light == SiteLight.Faulted ? _options.OnLevel : _off);
        _gpio.Write(_options.RedLine, light == SiteLight.EmergencyStop ? _options.OnLevel : _off);
        Current = light;
    }

    /// <summary>Turns every lamp off and closes the lines.</summary>
    public void Dispose()
    {
        Show(SiteLight.Off);
        _gpio.ClosePin(_options.GreenLine);
        _gpio.ClosePin(_options.AmberLine);
        _gpio.ClosePin(_options.RedLine);
    }
}
