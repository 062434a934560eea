using EdgeFactory.Contracts.Telemetry;
using EdgeFactory.Runtime.Throughput;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>What one robot did under one model version in the open window; reset, not replaced, when the window closes.</summary>
internal sealed class RobotWindowBucket(string robotId, string modelVersion, int sampleCapacity)
{
    private readonly DurationSamples _cycle = new(sampleCapacity);
    private readonly DurationSamples _accept = new(sampleCapacity);
    private long _completed;
    private long _failed;
    private long _firstAccepted = long.MaxValue;
    private long _lastFinal = long.MinValue;

    public string RobotId { get; } = robotId;

    public string ModelVersion { get; } = modelVersion;

    /// <summary>Safety interventions attributed to this bucket when the window closes.</summary>
    public long SafetyClamps { get; set; }

    /// <summary>Joules attributed to this bucket when the window closes; null when the robot's energy is not measured.</summary>
    public double? Joules { get; set; }

    public bool IsEmpty => _completed == 0 && _failed == 0 && _accept.Count == 0 && SafetyClamps == 0 && Joules is not > 0;

    public void Accepted(double milliseconds) => _accept.Add(milliseconds);

    /// <summary>A task ended: <paramref name="acceptedAt"/> and <paramref name="finishedAt"/> are <see cref="TimeProvider"/> timestamps.</summary>
    public void Finished(bool completed, long acceptedAt, long finishedAt, double? cycleMilliseconds)
    {
        if (completed)
        {
            _completed++;
            if (cycleMilliseconds is { } cycle)
            {
                _cycle.Add(cycle);
            }
        }
        else
        {
            _failed++;
        }

        _firstAccepted = Math.Min(_firstAccepted, acceptedAt);
        _lastFinal = Math.Max(_lastFinal, finishedAt);
    }

    /// <summary>The window's figures; tasks per hour by <see cref="TasksPerHour"/>, from the first acceptance but not before <paramref name="windowStart"/>.</summary>
    public RobotWindow Close(long windowStart, TimeProvider time)
    {
        var span = _completed == 0 ? TimeSpan.Zero : time.GetElapsedTime(Math.Max(_firstAccepted, windowStart), _lastFinal);
        var tasksPerHour = Math.Round(TasksPerHour.Of((int)Math.Min(_completed, int.MaxValue), span), 3);
        var energyWh = Joules is { } joules ? Math.Round(joules / 3600.0, 6) : (double?)null;
        var perKwh = energyWh is > 0 ? Math.Round(_completed / (energyWh.Value / 1000.0), 3) : (double?)null;
        return new RobotWindow(RobotId, ModelVersion, _completed, _failed, tasksPerHour, SafetyClamps, _cycle.Summarize(), _accept.Summarize(), energyWh, perKwh);
    }

    public void Reset()
    {
        _cycle.Reset();
        _accept.Reset();
        (_completed, _failed, _firstAccepted, _lastFinal, SafetyClamps, Joules) = (0, 0, long.MaxValue, long.MinValue, 0, null);
    }
}
