using System.Device.Gpio;
using EdgeFactory.Robotics.Io;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// The site's e-stop and stack light on GPIO (System.Device.Gpio): the libgpiod driver on a device, a simulated
/// driver in tests and the demo, where <see cref="Press"/> and <see cref="Release"/> (or a button file) stand for the button.
/// </summary>
public sealed class SiteEmergencyStop : IDisposable
{
    private static readonly TimeSpan ButtonPoll = TimeSpan.FromMilliseconds(20);
    private readonly SimulatedGpioDriver? _simulated;
    private readonly GpioController _gpio;
    private readonly StackLight _light;
    private readonly Lock _gate = new();
    private readonly ITimer? _button;
    private readonly string? _buttonFile;
    private readonly int _line;
    private readonly PinValue _active;
    private bool _latchedSeen;

    /// <summary>
    /// Opens the e-stop input and the stack light where <paramref name="io"/> says (a simulated chip unless it names
    /// libgpiod); <paramref name="buttonFile"/>, when given, stands for the button of a simulated chip.
    /// </summary>
    public SiteEmergencyStop(SiteIoSettings io, TimeProvider time, ILoggerFactory loggers, string? buttonFile = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        _line = io.EmergencyStopLine;
        _active = io.EmergencyStopActiveHigh ? PinValue.High : PinValue.Low;
        if (!io.LibGpiod)
        {
            _simulated = new SimulatedGpioDriver();
            // Nobody presses the button at start: the line is at its inactive level.
            _simulated.SetInput(_line, Inactive);
        }

        _gpio = GpioControllers.Open(new GpioOptions { Driver = io.LibGpiod ? GpioDriverKind.LibGpiod : GpioDriverKind.Simulated, Chip = io.Chip }, _simulated);
        Stop = new EmergencyStop(_gpio, new EmergencyStopOptions { Line = _line, ActiveLevel = _active }, time, loggers.CreateLogger<EmergencyStop>());
        _light = new StackLight(_gpio, new StackLightOptions { GreenLine = io.StackLight.Green, AmberLine = io.StackLight.Amber, RedLine = io.StackLight.Red });
        _light.Show(SiteLight.Running);
        Stop.Tripped += (_, _) => Observe();
        if (buttonFile is not null && _simulated is not null)
        {
            _buttonFile = buttonFile;
            _button = time.CreateTimer(_ => ReadButton(), null, ButtonPoll, ButtonPoll);
        }
    }

    private PinValue Inactive => _active == PinValue.Low ? PinValue.High : PinValue.Low;

    /// <summary>The e-stop was tripped (true) or reset (false).</summary>
    public event EventHandler<bool>? Changed;

    /// <summary>The latched e-stop every control loop checks each cycle.</summary>
    public EmergencyStop Stop { get; }

    /// <summary>Whether the e-stop is latched: nothing moves, running tasks fail and new ones are refused with <c>emergency_stop</c>.</summary>
    /// <remarks>
    /// Reads the latch only: the intake asks on every message, and the line itself is watched by its edge callback and
    /// sampled by every control loop each cycle.
    /// </remarks>
    public bool IsLatched => Stop.IsLatched;

    /// <summary>What the stack light shows.</summary>
    public SiteLight Light => _light.Current;

    /// <summary>Presses the (simulated) button; on a real chip, trips the e-stop from software.</summary>
    public void Press()
    {
        if (_simulated is null)
        {
            Stop.Trip();
        }
        else
        {
            _simulated.SetInput(_line, _active);
            Stop.Sample();
        }

        Observe();
    }

    /// <summary>Releases the (simulated) button and resets the latch; false while the button is still pressed (on a real chip: while its line is active).</summary>
    public bool Release()
    {
        _simulated?.SetInput(_line, Inactive);
        var reset = Stop.Reset();
        Observe();
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
        _button?.Dispose();
        Stop.Dispose();
        _light.Dispose();
        _gpio.Dispose();
    }

    // The light and the Changed event follow the latch, whoever moved it (the line's edge, the loop's sample, a reset).
    private void Observe()
    {
        bool changed;
        bool latched;
        lock (_gate)
        {
            latched = Stop.IsLatched;
            changed = latched != _latchedSeen;
            _latchedSeen = latched;
            if (changed)
            {
                _light.Show(latched ? SiteLight.EmergencyStop : SiteLight.Running);
            }
        }

        if (changed)
        {
            Changed?.Invoke(this, latched);
        }
    }

    private void ReadButton()
    {
        string text;
        try
        {
            text = File.Exists(_buttonFile) ? File.ReadAllText(_buttonFile!).Trim() : string.Empty;
        }
        catch (IOException)
        {
            return; // being written: read it at the next poll
        }

        if (text == "pressed" && !Stop.IsLatched)
        {
            Press();
        }
        else if (text == "released" && Stop.IsLatched)
        {
            Release();
        }
    }
}
