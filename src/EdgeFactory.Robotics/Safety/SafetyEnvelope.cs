using EdgeFactory.Robotics.Link;

namespace EdgeFactory.Robotics.Safety;

/// <summary>
/// Sits between every command source and the link: each position command is passed, clamped to the limits, or refused
/// and replaced by a hold of the last safe position. Counts every outcome; allocates nothing per command.
/// </summary>
/// <remarks>
/// Clamped: position range, top speed, speeding up beyond the top acceleration (slowing down never is limited, so a stop
/// is always allowed). Held: NaN or infinite targets, a step beyond the largest step, a tool point in a keep-out box,
/// a stale state, a latched e-stop. One thread (the control loop's) calls it.
/// </remarks>
public sealed class SafetyEnvelope
{
    private readonly SafetyOptions _options;
    private readonly TimeProvider _time;
    private readonly JointLimit[] _limits;
    private readonly KeepOutBox[] _keepOut;
    private readonly float[] _lastPositions;
    private readonly float[] _lastVelocities;
    private readonly float[] _candidate;
    private readonly float[] _candidateVelocities;
    private readonly float _period;
    private readonly long _staleTicks;
    private long _lastCommandAt;
    private float _dt;
    private float _lastDt;
    private float _speedUpDt;

    /// <summary>Creates the envelope; <paramref name="options"/> are validated here.</summary>
    public SafetyEnvelope(SafetyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _limits = [.. options.Joints];
        _keepOut = [.. options.KeepOut];
        _lastPositions = new float[_limits.Length];
        _lastVelocities = new float[_limits.Length];
        _candidate = new float[_limits.Length];
        _candidateVelocities = new float[_limits.Length];
        _period = (float)options.ControlPeriod.TotalSeconds;
        _staleTicks = (long)(options.StaleStatePeriods * options.ControlPeriod.TotalSeconds * _time.TimestampFrequency);
        Statistics = new SafetyStatistics(options.Robot);
    }

    /// <summary>Joints the envelope covers.</summary>
    public int Joints => _limits.Length;

    /// <summary>What it allows each joint.</summary>
    public ReadOnlySpan<JointLimit> Limits => _limits;

    /// <summary>Whether <see cref="Reset"/> gave it a starting position.</summary>
    public bool IsReset { get; private set; }

    /// <summary>The last command that left the envelope: where a hold holds.</summary>
    public ReadOnlySpan<float> LastPositions => _lastPositions;

    /// <summary>What the envelope counted.</summary>
    public SafetyStatistics Statistics { get; }

    /// <summary>Starts from measured positions at rest: the reference for steps and the position a hold holds.</summary>
    public void Reset(ReadOnlySpan<float> positions)
    {
        if (positions.Length != _limits.Length)
        {
            throw new ArgumentException($"Robot {_options.Robot}: {positions.Length} positions for {_limits.Length} joints.", nameof(positions));
        }

        for (var i = 0; i < _limits.Length; i++)
        {
            _lastPositions[i] = float.IsFinite(positions[i]) ? Math.Clamp(positions[i], _limits[i].PositionMin, _limits[i].PositionMax) : _lastPositions[i];
            _lastVelocities[i] = 0;
        }

        _lastCommandAt = 0;
        _lastDt = _period;
        IsReset = true;
    }

    /// <summary>
    /// Checks position setpoints received with a state stamped <paramref name="stateReceivedAt"/> and writes the command
    /// to send into <paramref name="command"/>; counts the outcome under <paramref name="modelVersion"/>.
    /// </summary>
    public SafetyOutcome Filter(ReadOnlySpan<float> setpoints, long stateReceivedAt, bool emergencyStop, string modelVersion, Span<JointTarget> command) =>
        Filter(setpoints, _time.GetTimestamp(), stateReceivedAt, emergencyStop, modelVersion, command);

    /// <summary>
    /// Checks position setpoints meant for the instant <paramref name="setpointAt"/> (a <see cref="TimeProvider"/>
    /// timestamp); velocities and accelerations are measured between those instants, not between calls.
    /// </summary>
    /// <remarks>
    /// A loop that samples its trajectory at one instant and is preempted before it calls here would otherwise see the
    /// same step over a longer interval, then the next step over a shorter one: a steady motion would read as braking and
    /// speeding up, and be clamped for accelerating when it did not.
    /// </remarks>
    public SafetyOutcome Filter(ReadOnlySpan<float> setpoints, long setpointAt, long stateReceivedAt, bool emergencyStop, string modelVersion, Span<JointTarget> command)
    {
        if (setpoints.Length != _limits.Length || command.Length != _limits.Length)
        {
            throw new ArgumentException($"Robot {_options.Robot}: {setpoints.Length} setpoints and {command.Length} command slots for {_limits.Length} joints.", nameof(setpoints));
        }

        if (!IsReset)
        {
            throw new InvalidOperationException($"Robot {_options.Robot}: reset the safety envelope with measured positions before filtering commands.");
        }

        // Velocities and accelerations are over the time since the last command: a late cycle legitimately moves further.
        // At most ten periods count, so a stalled loop does not earn a large jump (the step limit bounds it as well); an
        // early cycle after a late one counts its own short interval, or it would read as a sudden slow-down.
        var since = _lastCommandAt == 0 ? _period : (float)((setpointAt - _lastCommandAt) / (double)_time.TimestampFrequency);
        _dt = Math.Clamp(since, _period / 4, 10 * _period);
        // A command's velocity is its interval's mean, which belongs to the interval's middle: two of them are half of
        // both intervals apart. Over this interval alone, a short cycle after a late one (the loop keeps its deadlines)
        // would read the speed-up a trajectory makes at one of its steps as several times its real acceleration. The
        // spacing counts for at most one period, so a stall never earns a larger speed-up than a late cycle does.
        _speedUpDt = Math.Max(_dt, Math.Min((_lastDt + _dt) / 2, _period));
        _lastDt = _dt;
        _lastCommandAt = setpointAt;
        var outcome = Decide(setpoints, stateReceivedAt, emergencyStop);
        if (outcome.Verdict == SafetyVerdict.Held)
        {
            Array.Clear(_lastVelocities);
        }
        else
        {
            _candidate.CopyTo(_lastPositions, 0);
            _candidateVelocities.CopyTo(_lastVelocities, 0);
        }

        for (var i = 0; i < _limits.Length; i++)
        {
            command[i] = new JointTarget(_lastPositions[i], _lastVelocities[i]);
        }

        Statistics.Record(outcome, modelVersion);
        return outcome;
    }

    /// <summary>Writes a hold of the last safe position and counts it under <paramref name="reason"/>.</summary>
    public SafetyOutcome Hold(SafetyReason reason, string modelVersion, Span<JointTarget> command)
    {
        if (command.Length != _limits.Length)
        {
            throw new ArgumentException($"Robot {_options.Robot}: {command.Length} command slots for {_limits.Length} joints.", nameof(command));
        }

        Array.Clear(_lastVelocities);
        _lastCommandAt = _time.GetTimestamp();
        _lastDt = _period;
        for (var i = 0; i < _limits.Length; i++)
        {
            command[i] = new JointTarget(_lastPositions[i], 0);
        }

        var outcome = new SafetyOutcome(SafetyVerdict.Held, reason);
        Statistics.Record(outcome, modelVersion);
        return outcome;
    }

    private SafetyOutcome Decide(ReadOnlySpan<float> setpoints, long stateReceivedAt, bool emergencyStop)
    {
        if (emergencyStop)
        {
            return new(SafetyVerdict.Held, SafetyReason.Estop);
        }

        if (stateReceivedAt == 0 || _time.GetTimestamp() - stateReceivedAt > _staleTicks)
        {
            return new(SafetyVerdict.Held, SafetyReason.StaleState);
        }

        for (var i = 0; i < setpoints.Length; i++)
        {
            if (!float.IsFinite(setpoints[i]))
            {
                return new(SafetyVerdict.Held, SafetyReason.Nan);
            }
        }

        var reason = SafetyReason.None;
        for (var i = 0; i < _limits.Length; i++)
        {
            var limit = _limits[i];
            var position = setpoints[i];
            if (position < limit.PositionMin || position > limit.PositionMax)
            {
                position = Math.Clamp(position, limit.PositionMin, limit.PositionMax);
                reason = First(reason, SafetyReason.PositionLimit);
            }

            // The step limit is per control period: a late cycle may step further, its velocity is still limited below.
            var step = position - _lastPositions[i];
            if (MathF.Abs(step) > limit.MaxStep * (_dt / _period))
            {
                return new(SafetyVerdict.Held, SafetyReason.StepLimit);
            }

            var velocity = step / _dt;
            var limited = false;
            if (MathF.Abs(velocity) > limit.VelocityMax)
            {
                velocity = MathF.CopySign(limit.VelocityMax, velocity);
                limited = true;
                reason = First(reason, SafetyReason.VelocityLimit);
            }

            // Speeding up is limited; slowing down is not, so a stop is always allowed. A reversal starts from rest.
            var previous = _lastVelocities[i];
            var fromSpeed = MathF.Sign(previous) == MathF.Sign(velocity) ? MathF.Abs(previous) : 0;
            var reachable = fromSpeed + (limit.AccelerationMax * _speedUpDt);
            if (MathF.Abs(velocity) > reachable)
            {
                velocity = MathF.CopySign(reachable, velocity);
                limited = true;
                reason = First(reason, SafetyReason.AccelerationLimit);
            }

            _candidate[i] = limited ? _lastPositions[i] + (velocity * _dt) : position;
            _candidateVelocities[i] = velocity;
        }

        if (_options.Kinematics is { } chain && _keepOut.Length > 0)
        {
            var tool = chain.ToolPoint(_candidate);
            foreach (var box in _keepOut)
            {
                if (box.Contains(tool))
                {
                    return new(SafetyVerdict.Held, SafetyReason.KeepOut);
                }
            }
        }

        return new(reason == SafetyReason.None ? SafetyVerdict.Passed : SafetyVerdict.Clamped, reason);
    }

    private static SafetyReason First(SafetyReason current, SafetyReason next) => current == SafetyReason.None ? next : current;
}
