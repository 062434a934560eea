using System.Device.Gpio;
using EdgeFactory.Robotics.Io;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// The site's e-stop and stack light on GPIO (System.Device.Gpio): the libgpiod driver on a device, a simulated
/// driver in tests and the demo, where <see cref="Press"/> and <see cref="Release"/> stand for the button.
/// </summary>
public sealed class SiteEmergencyStop : IDisposable
{
    /// <summary>Input line of the e-stop button on the simulated driver.</summary>
    public const int SimulatedLine = 17;

    private readonly SimulatedGpioDriver? _simulated;
    private readonly GpioController _gpio;
    private readonly StackLight _light;

    /// <summary>Opens the e-stop input and the stack light on a simulated GPIO chip.</summary>
    public SiteEmergencyStop(TimeProvider time, ILoggerFactory loggers)
    {
        _simulated = new SimulatedGpioDriver();
        // The button is wired normally closed: the line is high while nobody presses it.
        _simulated.SetInput(SimulatedLine, PinValue.High);
        _gpio = GpioControllers.Open(new GpioOptions { Driver = GpioDriverKind.Simulated }, _simulated);
        Stop = new EmergencyStop(_gpio, new EmergencyStopOptions { Line = SimulatedLine, ActiveLevel = PinValue.Low }, time, loggers.CreateLogger<EmergencyStop>());
        _light = new StackLight(_gpio, new StackLightOptions { GreenLine = 22, AmberLine = 23, RedLine = 24 });
        _light.Show(SiteLight.Running);
    }

    /// <summary>The latched e-stop every control loop checks each cycle.</summary>
    public EmergencyStop Stop { get; }

    /// <summary>Whether the e-stop is latched: nothing moves, running tasks fail and new ones are refused with <c>emergency_stop</c>.</summary>
    public bool IsLatched => Stop.Sample();

    /// <summary>What the stack light shows.</summary>
    public SiteLight Light => _light.Current;

    /// <summary>Presses the (simulated) button.</summary>
    public void Press()
    {
        _simulated?.SetInput(SimulatedLine, PinValue.Low);
        Stop.Sample();
        _light.Show(SiteLight.EmergencyStop);
    }

    /// <summary>Releases the (simulated) button and resets the latch; false while the button is still pressed.</summary>
    public bool Release()
    {
        _simulated?.SetInput(SimulatedLine, PinValue.High);
        var reset = Stop.Reset();
        if (reset)
        {
            _light.Show(SiteLight.Running);
        }

        return reset;
    }

    /// <summary>Shows amber while a robot is faulted (and the e-stop is not latched).</summary>
    public void ShowFaulted(bool faulted)
    {
        if (!Stop.IsLatched)
        {
            _light.Show(faulted ? SiteLight.Faulted : SiteLight.Running);
        }
    }

    /// <summary>Closes the lines.</summary>
    public void Dispose()
    {
        Stop.Dispose();
        _light.Dispose();
        _gpio.Dispose();
    }
}
