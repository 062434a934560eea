using System.Device.Gpio;

namespace EdgeFactory.Robotics.Io;

/// <summary>A GPIO driver with no hardware behind it: tests and the demo set inputs and read outputs; edge callbacks fire as on a chip.</summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, PinValue> _values = [];
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, List<(PinEventTypes Events, PinChangeEventHandler Callback)>> _callbacks = [];

    /// <summary>Creates a driver with <paramref name="pinCount"/> lines, all low.</summary>
    public SimulatedGpioDriver(int pinCount = 64) => PinCount = pinCount;

    /// <inheritdoc/>
    protected override int PinCount { get; }

    /// <summary>Drives an input line as the outside world would; fires the callbacks registered for the edge.</summary>
    public void SetInput(int pinNumber, PinValue value)
    {
        List<(PinEventTypes Events, PinChangeEventHandler Callback)>? callbacks;
        PinEventTypes edge;
        lock (_gate)
        {
            var before = _values.GetValueOrDefault(pinNumber, PinValue.Low);
            _values[pinNumber] = value;
            if (before == value || !_callbacks.TryGetValue(pinNumber, out var registered))
            {
                return;
            }

            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            callbacks = [.. registered];
        }

        foreach (var (events, callback) in callbacks)
        {
            if ((events & edge) != 0)
            {
                callback(this, new PinValueChangedEventArgs(edge, pinNumber));
            }
        }
    }

    /// <summary>The level of a line (what an output was last written to).</summary>
    public PinValue Value(int pinNumber)
    {
        lock (_gate)
        {
            return _values.GetValueOrDefault(pinNumber, PinValue.Low);
        }
    }

    /// <inheritdoc/>
    protected override void OpenPin(int pinNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pinNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pinNumber, PinCount);
        lock (_gate)
        {
            _modes.TryAdd(pinNumber, PinMode.Input);
        }
    }

    /// <inheritdoc/>
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _modes.Remove(pinNumber);
            _callbacks.Remove(pinNumber);
        }
    }

    /// <inheritdoc/>
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            _modes[pinNumber] = mode;
        }
    }

    /// <inheritdoc/>
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return _modes.GetValueOrDefault(pinNumber, PinMode.Input);
        }
    }

    /// <inheritdoc/>
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    /// <inheritdoc/>
    protected override PinValue Read(int pinNumber) => Value(pinNumber);

    /// <inheritdoc/>
    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            _values[pinNumber] = value;
        }
    }

    /// <inheritdoc/>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(object sender, PinValueChangedEventArgs e) => seen.TrySetResult(e.ChangeType);
        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnChange);
        try
        {
            seen.Task.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = seen.Task.Result, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnChange);
        }
    }

    /// <inheritdoc/>
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var registered))
            {
                _callbacks[pinNumber] = registered = [];
            }

            registered.Add((eventTypes, callback));
        }
    }

    /// <inheritdoc/>
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (_callbacks.TryGetValue(pinNumber, out var registered))
            {
                registered.RemoveAll(entry => entry.Callback == callback);
            }
        }
    }
}
