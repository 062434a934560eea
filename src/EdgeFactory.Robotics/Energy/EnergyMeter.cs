namespace EdgeFactory.Robotics.Energy;

/// <summary>
/// Integrates power over time (trapezoidal rule between samples, the last sample held up to "now") and hands out
/// windows that tell the joules and watt-hours a task used.
/// </summary>
public sealed class EnergyMeter
{
    private readonly IPowerSource? _source;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _joules;
    private double _lastWatts;
    private long _lastAt;
    private bool _hasSample;
    private long _failedReads;

    /// <summary>A meter fed by <paramref name="source"/> through <see cref="Sample()"/>, or by hand through <see cref="Sample(double)"/> when null.</summary>
    public EnergyMeter(IPowerSource? source, TimeProvider? timeProvider = null)
    {
        _source = source;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Joules since the first sample.</summary>
    public double TotalJoules
    {
        get
        {
            lock (_gate)
            {
                return JoulesNow(_time.GetTimestamp());
            }
        }
    }

    /// <summary>Reads that the source could not answer.</summary>
    public long FailedReads => Interlocked.Read(ref _failedReads);

    /// <summary>Reads the source and adds the energy since the previous sample; false when the source had no reading.</summary>
    public bool Sample()
    {
        if (_source is null || !_source.TryRead(out var watts))
        {
            Interlocked.Increment(ref _failedReads);
            return false;
        }

        Sample(watts);
        return true;
    }

    /// <summary>Adds the energy between the previous sample and now, given the power now.</summary>
    public void Sample(double watts)
    {
        if (!double.IsFinite(watts) || watts < 0)
        {
            Interlocked.Increment(ref _failedReads);
            return;
        }

        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_hasSample)
            {
                _joules += (_lastWatts + watts) / 2 * Seconds(now - _lastAt);
            }

            _lastWatts = watts;
            _lastAt = now;
            _hasSample = true;
        }
    }

    /// <summary>Samples every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        Sample();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Opens a window (a task starting).</summary>
    public EnergyWindow Open()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            return new EnergyWindow(this, JoulesNow(now), now);
        }
    }

    internal EnergyReading Since(double joules, long at)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            return new EnergyReading(JoulesNow(now) - joules, _time.GetElapsedTime(at, now));
        }
    }

    private double JoulesNow(long now) => _hasSample ? _joules + (_lastWatts * Seconds(now - _lastAt)) : 0;

    private double Seconds(long ticks) => (double)ticks / _time.TimestampFrequency;
}
