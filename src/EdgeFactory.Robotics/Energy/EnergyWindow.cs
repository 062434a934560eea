namespace EdgeFactory.Robotics.Energy;

/// <summary>A stretch of time (one task) whose energy a <see cref="EnergyMeter"/> tells when it is closed.</summary>
public sealed class EnergyWindow
{
    private readonly EnergyMeter _meter;
    private readonly double _openedAtJoules;
    private readonly long _openedAt;
    private EnergyReading? _closed;

    internal EnergyWindow(EnergyMeter meter, double openedAtJoules, long openedAt)
    {
        _meter = meter;
        _openedAtJoules = openedAtJoules;
        _openedAt = openedAt;
    }

    /// <summary>Energy so far, or the final figure once closed.</summary>
    public EnergyReading Current => _closed ?? _meter.Since(_openedAtJoules, _openedAt);

    /// <summary>Closes the window and returns its energy; closing again returns the same figure.</summary>
    public EnergyReading Close()
    {
        _closed ??= _meter.Since(_openedAtJoules, _openedAt);
        return _closed.Value;
    }
}
