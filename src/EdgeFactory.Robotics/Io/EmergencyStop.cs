using System.Device.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Robotics.Io;

/// <summary>
/// Watches the e-stop input and latches: once tripped it stays tripped until <see cref="Reset"/>, which succeeds only
/// while the input is released. The control loop reads <see cref="IsLatched"/> (and samples the line) every cycle.
/// </summary>
public sealed class EmergencyStop : IDisposable
{
    private readonly GpioController _gpio;
    private readonly EmergencyStopOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PinChangeEventHandler _onChange;
    private volatile bool _latched;
    private long _trips;

    /// <summary>Opens the input line and watches both edges; a line already active latches at once.</summary>
    public EmergencyStop(GpioController gpio, EmergencyStopOptions options, TimeProvider? timeProvider = null, ILogger<EmergencyStop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _gpio = gpio;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _onChange = OnChange;
        _gpio.OpenPin(options.Line, options.InputMode);
        _gpio.RegisterCallbackForPinValueChangedEvent(options.Line, PinEventTypes.Rising | PinEventTypes.Falling, _onChange);
        Sample();
    }

    /// <summary>Raised once per trip, on the thread that noticed it.</summary>
    public event EventHandler<EmergencyStopArguments>? Tripped;

    /// <summary>Whether the e-stop is latched: nothing may move.</summary>
    public bool IsLatched => _latched;

    /// <summary>Whether the input line is active now.</summary>
    public bool IsInputActive => _gpio.Read(_options.Line) == _options.ActiveLevel;

    /// <summary>Trips since start.</summary>
    public long Trips => Interlocked.Read(ref _trips);

    /// <summary>Reads the line and latches if it is active (the loop's every-cycle check, besides the edge callback).</summary>
    public bool Sample()
    {
        if (!_latched && IsInputActive)
        {
            Latch(EmergencyStopSource.Input);
        }

        return _latched;
    }

    /// <summary>Trips the e-stop from software.</summary>
    public void Trip() => Latch(EmergencyStopSource.Software);

    /// <summary>Releases the latch if the input is released; false (still latched) while it is active.</summary>
    public bool Reset()
    {
        if (IsInputActive)
        {
            EmergencyStopLog.ResetRefused(_logger, _options.Line);
            return false;
        }

        _latched = false;
        EmergencyStopLog.Released(_logger, _options.Line);
        return true;
    }

    /// <summary>Stops watching and closes the line.</summary>
    public void Dispose()
    {
        _gpio.UnregisterCallbackForPinValueChangedEvent(_options.Line, _onChange);
        _gpio.ClosePin(_options.Line);
    }

    private void OnChange(object sender, PinValueChangedEventArgs e)
    {
        var level = e.ChangeType == PinEventTypes.Rising ? PinValue.High : PinValue.Low;
        if (level == _options.ActiveLevel)
        {
            Latch(EmergencyStopSource.Input);
        }
    }

    private void Latch(EmergencyStopSource source)
    {
        if (_latched)
        {
            return;
        }

        _latched = true;
        Interlocked.Increment(ref _trips);
        EmergencyStopLog.Tripped(_logger, _options.Line, source);
        Tripped?.Invoke(this, new EmergencyStopArguments(source, _time.GetTimestamp()));
    }
}
