using EdgeFactory.Contracts.Telemetry;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>
/// Folds the runtime's task outcomes into the open telemetry window, per robot and model version, and closes windows
/// on demand. Fed by the status chain's one maker of statuses (acceptances, starts, final states); the robots'
/// energy and safety counters are read through <see cref="ITelemetryProbe"/> at a task's end and once per window,
/// never per command, so the control loops are not touched. Adding an outcome takes a short lock and allocates nothing in steady state.
/// </summary>
public sealed class TelemetryAggregator
{
    /// <summary>Model version reported for robots without a policy.</summary>
    public const string NoModel = "none";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, RobotTrack> _robots = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Robot, string Model), RobotWindowBucket> _buckets = [];
    private readonly List<RobotWindow> _closed = [];
    private readonly ITelemetryProbe _probe;
    private readonly Dictionary<string, long> _clamps = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _sampleCapacity;
    private long _windowStart;
    private DateTimeOffset _windowStartUtc;
    private long _emergencyStops;

    /// <summary>An aggregator for <paramref name="robotIds"/>; its first window opens now.</summary>
    public TelemetryAggregator(IEnumerable<string> robotIds, ITelemetryProbe probe, TimeProvider time, int sampleCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(robotIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCapacity, 1);
        (_probe, _time, _sampleCapacity) = (probe, time, sampleCapacity);
        foreach (var robot in robotIds)
        {
            _robots[robot] = Track(robot);
        }

        (_windowStart, _windowStartUtc) = (time.GetTimestamp(), time.GetUtcNow());
    }

    /// <summary>Start of the open window.</summary>
    public DateTimeOffset WindowStart
    {
        get
        {
            lock (_gate)
            {
                return _windowStartUtc;
            }
        }
    }

    /// <summary>A task assigned to <paramref name="robotId"/> became durably accepted; <paramref name="arrivedAt"/> is the timestamp its submission was taken.</summary>
    public void Accepted(string robotId, long arrivedAt)
    {
        var now = _time.GetTimestamp();
        var model = _probe.ModelVersion(robotId);
        lock (_gate)
        {
            Bucket(robotId, model).Accepted(_time.GetElapsedTime(arrivedAt, now).TotalMilliseconds);
        }
    }

    /// <summary>A task started on <paramref name="robotId"/> (a robot runs one task at a time).</summary>
    public void Started(string robotId)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            TrackOf(robotId).StartedAt = now;
        }
    }

    /// <summary>A task on <paramref name="robotId"/> ended, <paramref name="completed"/> or not; <paramref name="acceptedAt"/> is its acceptance timestamp (0 when unknown, e.g. recovered after a restart).</summary>
    public void Finished(string robotId, bool completed, long acceptedAt)
    {
        var now = _time.GetTimestamp();
        var model = _probe.ModelVersion(robotId);
        lock (_gate)
        {
            var track = TrackOf(robotId);
            double? cycle = completed && track.StartedAt != 0 ? _time.GetElapsedTime(track.StartedAt, now).TotalMilliseconds : null;
            if (completed)
            {
                track.StartedAt = 0;
            }

            var bucket = Bucket(robotId, model);
            bucket.Finished(completed, acceptedAt == 0 ? long.MinValue : acceptedAt, now, cycle);

            // The energy a task drew goes to the version that ran it: read at its end, a swap later in the window charges
            // the next version only what it drew itself.
            ChargeEnergy(robotId, track, bucket);
        }
    }

    /// <summary>The site's e-stop latched.</summary>
    public void EmergencyStopLatched() => Interlocked.Increment(ref _emergencyStops);

    /// <summary>Closes the open window (it ends now), opens the next, and returns what the closed one saw.</summary>
    public ClosedWindow Close()
    {
        lock (_gate)
        {
            var end = _time.GetTimestamp();
            var endUtc = _time.GetUtcNow();
            foreach (var (robot, track) in _robots)
            {
                // Counters are cumulative: the window gets the difference. Clamps under the version each command carried (a
                // swap in this window charges each version its own); energy since the robot's last task under the version
                // running now.
                var bucket = Bucket(robot, _probe.ModelVersion(robot));
                _clamps.Clear();
                _probe.AddSafetyInterventions(robot, _clamps);
                foreach (var (version, clamps) in _clamps)
                {
                    var before = track.Clamps.GetValueOrDefault(version);
                    if (clamps != before)
                    {
                        Bucket(robot, version).SafetyClamps += clamps - before;
                        track.Clamps[version] = clamps;
                    }
                }
                ChargeEnergy(robot, track, bucket);
            }

            _closed.Clear();
            foreach (var bucket in _buckets.Values)
            {
                if (!bucket.IsEmpty)
                {
                    _closed.Add(bucket.Close(_windowStart, _time));
                }

                bucket.Reset();
            }

            var window = new ClosedWindow(_windowStartUtc, endUtc, [.. _closed.OrderBy(r => r.RobotId, StringComparer.Ordinal).ThenBy(r => r.ModelVersion, StringComparer.Ordinal)], Interlocked.Exchange(ref _emergencyStops, 0));
            (_windowStart, _windowStartUtc) = (end, endUtc);
            return window;
        }
    }

    private void ChargeEnergy(string robotId, RobotTrack track, RobotWindowBucket bucket)
    {
        if (_probe.TryReadJoules(robotId, out var joules))
        {
            // A meter that went back (a controller restarted) charges nothing and counts on from its new reading.
            bucket.Joules = (bucket.Joules ?? 0) + Math.Max(0, joules - track.Joules);
            track.Joules = joules;
        }
    }

    private RobotTrack TrackOf(string robotId)
    {
        if (!_robots.TryGetValue(robotId, out var track))
        {
            track = Track(robotId);
            _robots[robotId] = track;
        }

        return track;
    }

    private RobotTrack Track(string robotId)
    {
        var track = new RobotTrack();
        _probe.AddSafetyInterventions(robotId, track.Clamps);
        if (_probe.TryReadJoules(robotId, out var joules))
        {
            track.Joules = joules;
        }

        return track;
    }

    private RobotWindowBucket Bucket(string robotId, string model)
    {
        if (!_buckets.TryGetValue((robotId, model), out var bucket))
        {
            bucket = new RobotWindowBucket(robotId, model, _sampleCapacity);
            _buckets[(robotId, model)] = bucket;
        }

        return bucket;
    }

    // Per robot, across windows: when its running task started, and its cumulative counters at the last close.
    private sealed class RobotTrack
    {
        public long StartedAt { get; set; }

        public Dictionary<string, long> Clamps { get; } = new(StringComparer.Ordinal);

        public double Joules { get; set; }
    }
}
