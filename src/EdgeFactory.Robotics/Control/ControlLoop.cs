using System.Runtime.CompilerServices;
using EdgeFactory.Robotics.Io;
using EdgeFactory.Robotics.Link;
using EdgeFactory.Robotics.Safety;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Robotics.Control;

/// <summary>
/// One robot's fixed-rate loop on a dedicated thread. Each cycle: e-stop → latest state → the executing chunk's setpoint
/// at this instant → safety envelope → link; a heartbeat when there is nothing to move. Allocates nothing per cycle.
/// </summary>
public sealed class ControlLoop : IDisposable
{
    private readonly ControlLoopOptions _options;
    private readonly RobotLink _link;
    private readonly SafetyEnvelope _envelope;
    private readonly EmergencyStop? _emergencyStop;
    private readonly ActionChunkBuffer _chunks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ObservationBoard _board;
    private readonly float[] _setpoint;
    private readonly float[] _blend;
    private readonly float[] _blendSlope;
    private readonly float[] _blendFrom;
    private readonly float[] _blendAhead;
    private readonly long _probeTicks;
    private readonly long _blendTicks;
    private long _blendStartedAt;
    private readonly JointTarget[] _command;
    private readonly long _periodTicks;
    private readonly long _spinTicks;
    private readonly long _ticksPerMillisecond;
    private ActionChunk? _current;
    private long _chunkStartedAt;
    private long _chunkStep;
    private Thread? _thread;
    private volatile bool _stopRequested;
    private Tuple<uint, uint>? _pendingOutputs;
    private int _pendingFaultReset;
    private bool _heldStale;
    private bool _clampedInChunk;

    /// <summary>Creates the loop over a connected link; nothing runs until <see cref="Start"/> or <see cref="Run"/>.</summary>
    public ControlLoop(ControlLoopOptions options, RobotLink link, SafetyEnvelope envelope, ActionChunkBuffer chunks, EmergencyStop? emergencyStop = null, TimeProvider? timeProvider = null, ILogger<ControlLoop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(chunks);
        options.Validate();
        var joints = link.Capabilities?.Joints.Count ?? throw new RobotLinkException(RobotLinkErrorCode.NotConnected, $"Robot {options.Robot}: connect the link before building its control loop.");
        if (envelope.Joints != joints || chunks.Joints != joints)
        {
            throw new ArgumentException($"Robot {options.Robot}: the controller has {joints} joints, the envelope {envelope.Joints}, the chunks {chunks.Joints}.", nameof(envelope));
        }

        _options = options;
        _link = link;
        _envelope = envelope;
        _chunks = chunks;
        _emergencyStop = emergencyStop;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _board = new ObservationBoard(joints);
        _setpoint = new float[joints];
        _blend = new float[joints];
        _blendSlope = new float[joints];
        _blendFrom = new float[joints];
        _blendAhead = new float[joints];
        _probeTicks = _time.TimestampFrequency / 1000;
        _blendTicks = (long)(BlendTime.TotalSeconds * _time.TimestampFrequency);
        _command = new JointTarget[joints];
        _periodTicks = (long)(options.Period.TotalSeconds * _time.TimestampFrequency);
        _spinTicks = (long)(options.SpinWindow.TotalSeconds * _time.TimestampFrequency);
        _ticksPerMillisecond = _time.TimestampFrequency / 1000;
        Statistics = new ControlLoopStatistics(options.Robot);
    }

    /// <summary>
    /// How long a new chunk is blended in: the gap in position and in velocity between where the command was going and
    /// where the new chunk is now fades out along a cubic over this time, so a chunk planned from a slightly different
    /// state makes the command neither jump nor change speed at once.
    /// </summary>
    public static TimeSpan BlendTime { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>What the loop counted.</summary>
    public ControlLoopStatistics Statistics { get; }

    /// <summary>Whether a chunk is being executed.</summary>
    public bool IsMoving => Volatile.Read(ref _current) is not null;

    /// <summary>Starts the loop on its own thread.</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException($"Robot {_options.Robot}: the control loop is running already.");
        }

        _stopRequested = false;
        _thread = new Thread(() => Run(long.MaxValue)) { IsBackground = true, Name = $"control {_options.Robot}", Priority = ThreadPriority.Highest };
        _thread.Start();
        ControlLoopLog.Started(_logger, _options.Robot, _options.RateHz);
    }

    /// <summary>Stops the loop's thread and waits for it.</summary>
    public void Stop()
    {
        _stopRequested = true;
        _thread?.Join();
        _thread = null;
    }

    /// <summary>Runs <paramref name="cycles"/> cycles (or until <see cref="Stop"/>) on the calling thread, which becomes the loop's thread.</summary>
    /// <remarks>
    /// Compiled fully optimised at its first call: a thread enters this loop once and stays in it, so tiered compilation
    /// would run it unoptimised and then replace it on the stack mid-motion, compiling on this thread (a late cycle) and
    /// allocating there. The methods each cycle calls are compiled the same way, so the first cycles of a motion do not run
    /// unoptimised code (slow cycles early in a move, on a loaded machine, let the command fall behind its chunk).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(long cycles)
    {
        var deadline = _time.GetTimestamp();
        var previous = 0L;
        var frequency = _time.TimestampFrequency;
        for (long cycle = 0; cycle < cycles && !_stopRequested; cycle++)
        {
            WaitUntil(deadline);
            var now = _time.GetTimestamp();
            var late = now - deadline;
            var overrun = late >= _periodTicks;
            Statistics.CountCycle(late * 1_000_000 / frequency, overrun);
            RunCycle(now);
            var period = previous == 0 ? -1 : Math.Abs(now - previous - _periodTicks) * 1_000_000 / frequency;
            Statistics.CountPeriod(period, (_time.GetTimestamp() - now) * 1_000_000 / frequency);
            previous = now;
            deadline = overrun ? now + _periodTicks : deadline + _periodTicks;
        }
    }

    /// <summary>
    /// Asks the loop to set the digital outputs in <paramref name="mask"/> to <paramref name="values"/> at its next cycle:
    /// the link is the loop thread's alone, so another thread never sends on it. A later request replaces one not yet sent.
    /// </summary>
    public void RequestOutputs(uint mask, uint values) => Interlocked.Exchange(ref _pendingOutputs, Tuple.Create(mask, values));

    /// <summary>
    /// Asks the loop to send <c>FAULT_RESET</c> at its next cycle (a controller that braked on its watchdog holds until
    /// then), starting again from where the robot stands. Ignored while the e-stop is latched.
    /// </summary>
    public void RequestFaultReset() => Interlocked.Exchange(ref _pendingFaultReset, 1);

    /// <summary>Copies the latest state into <paramref name="observation"/> for a producer on another thread; false before the first state.</summary>
    public bool TryObserve(ControlObservation observation) => _board.TryCopy(observation);

    /// <summary>Stops the loop.</summary>
    public void Dispose() => Stop();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunCycle(long now)
    {
        var stop = _emergencyStop?.Sample() ?? false;
        if (stop && !_link.EmergencyStop)
        {
            // Every datagram from here on carries the e-stop flag; the explicit ESTOP says it once more.
            _link.EmergencyStop = true;
            _link.SendEmergencyStop(true);
        }

        _link.Poll();
        if (Interlocked.Exchange(ref _pendingOutputs, null) is { } outputs)
        {
            _link.SendIoSet(outputs.Item1, outputs.Item2);
        }

        if (Interlocked.Exchange(ref _pendingFaultReset, 0) == 1 && !stop && _link.State.Updates > 0)
        {
            _link.SendFaultReset();
            _envelope.Reset(_link.State.Positions);
            Volatile.Write(ref _current, null);
        }

        var state = _link.State;
        if (state.Updates == 0)
        {
            Heartbeat();
            return;
        }

        _board.Publish(state);
        if (!_envelope.IsReset)
        {
            _envelope.Reset(state.Positions);
        }

        if (!stop && _link.EmergencyStop)
        {
            Release(state);
        }

        TakeChunk(now, state);
        if (stop)
        {
            _envelope.Hold(SafetyReason.Estop, _current?.ModelVersion ?? "none", _command);
            Send();
            return;
        }

        if (_current is null)
        {
            Heartbeat();
            return;
        }

        var inChunk = _current.Sample(_time.GetElapsedTime(_chunkStartedAt, now), _setpoint);
        AddBlend(now, _setpoint);
        var outcome = _envelope.Filter(_setpoint, now, state.ReceivedAt, emergencyStop: false, _current.ModelVersion, _command);
        Send();
        _heldStale = outcome.Reason == SafetyReason.StaleState;
        _clampedInChunk |= outcome.Verdict != SafetyVerdict.Passed;
        if (_heldStale)
        {
            // The chunk ran on while the command held: join it again from where the command stands, at rest, or every
            // setpoint after a short stall would be a step too far and the arm would stay held until the move ended.
            StartBlend(null, 0, now);
        }

        if (!inChunk && outcome.Verdict != SafetyVerdict.Held && Reached())
        {
            Volatile.Write(ref _current, null);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TakeChunk(long now, RobotState state)
    {
        var boundary = _current is null || _current.StepAt(_time.GetElapsedTime(_chunkStartedAt, now)) != _chunkStep
            || _time.GetElapsedTime(_chunkStartedAt, now) > _current.Duration;
        if (boundary && _chunks.TryTake(out var next))
        {
            var previous = _current;
            var previousStartedAt = _chunkStartedAt;
            if (previous is null)
            {
                // A move from rest starts where the robot stands, not where its last command was: a gripper closed on a
                // part, or an arm held off its target, would otherwise start with a jump.
                _envelope.Reset(state.Positions);
            }

            // A new model version takes over the motion of the one before at a chunk boundary, speed and all, unless the
            // envelope clamped or held that version during its last chunk (a version rolled back for fighting the
            // envelope): then the new one starts from where the command stands, at rest, rather than inherit the old
            // one's motion for the length of a blend and be clamped for it.
            var takeOver = previous is not null && !(_clampedInChunk && !string.Equals(previous.ModelVersion, next.ModelVersion, StringComparison.Ordinal));
            Volatile.Write(ref _current, next);
            _chunkStartedAt = next.ObservedAt != 0 && next.ObservedAt <= now ? next.ObservedAt : now;
            StartBlend(_envelope.IsReset && !_heldStale && takeOver ? previous : null, previousStartedAt, now);
            _clampedInChunk = false;
            Statistics.CountChunk();
        }

        if (_current is not null)
        {
            _chunkStep = _current.StepAt(_time.GetElapsedTime(_chunkStartedAt, now));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartBlend(ActionChunk? previous, long previousStartedAt, long now)
    {
        // Where the command would be now and a moment later: the previous chunk (with what is left of its own blend),
        // or, from rest, the last command standing still.
        if (previous is not null)
        {
            previous.Sample(_time.GetElapsedTime(previousStartedAt, now), _blendFrom);
            previous.Sample(_time.GetElapsedTime(previousStartedAt, now + _probeTicks), _blendAhead);
            AddBlend(now, _blendFrom);
            AddBlend(now + _probeTicks, _blendAhead);
        }
        else
        {
            _envelope.LastPositions.CopyTo(_blendFrom);
            _envelope.LastPositions.CopyTo(_blendAhead);
        }

        // Gap in position (_blend) and in velocity (_blendSlope, per second) between that and the new chunk.
        var probe = (float)_probeTicks / _time.TimestampFrequency;
        for (var j = 0; j < _blend.Length; j++)
        {
            _blendSlope[j] = (_blendAhead[j] - _blendFrom[j]) / probe;
        }

        _current!.Sample(_time.GetElapsedTime(_chunkStartedAt, now), _blend);
        _current.Sample(_time.GetElapsedTime(_chunkStartedAt, now + _probeTicks), _blendAhead);
        for (var j = 0; j < _blend.Length; j++)
        {
            _blendSlope[j] -= (_blendAhead[j] - _blend[j]) / probe;
            _blend[j] = _blendFrom[j] - _blend[j];
        }

        _blendStartedAt = now;
    }

    // Adds the blend at instant 'at': a cubic Hermite from (gap, slope gap) at the blend's start to (0, 0) at its end.
    // The blend is the loop's own: where the chunk is inside a joint's range, easing into it never carries the setpoint
    // past the range's end. A chunk that joins at rest at the end of the range (fingers opened all the way) while the one
    // before was still heading there at speed would otherwise overshoot it along the cubic, and the envelope would clamp
    // the command on position_limit, cycle after cycle, for what the policy never asked. A chunk that itself goes beyond
    // the range is left as it is: the envelope clamps it and counts it against the policy.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddBlend(long at, Span<float> setpoints)
    {
        var blending = at - _blendStartedAt;
        if (_blendStartedAt == 0 || blending < 0 || blending >= _blendTicks)
        {
            return;
        }

        var s = (float)blending / _blendTicks;
        var h00 = (((2 * s) - 3) * s * s) + 1;
        var h10 = (((s - 2) * s) + 1) * s;
        var span = (float)_blendTicks / _time.TimestampFrequency;
        var limits = _envelope.Limits;
        for (var j = 0; j < setpoints.Length; j++)
        {
            var (planned, limit) = (setpoints[j], limits[j]);
            var blended = planned + (_blend[j] * h00) + (_blendSlope[j] * span * h10);
            setpoints[j] = planned >= limit.PositionMin && planned <= limit.PositionMax ? Math.Clamp(blended, limit.PositionMin, limit.PositionMax) : blended;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Release(RobotState state)
    {
        // The e-stop was reset: release the controller, clear its fault, and start again from where the robot stands.
        _link.EmergencyStop = false;
        _link.SendEmergencyStop(false);
        _link.SendFaultReset();
        _envelope.Reset(state.Positions);
        Volatile.Write(ref _current, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Reached()
    {
        var last = _envelope.LastPositions;
        for (var j = 0; j < _setpoint.Length; j++)
        {
            if (MathF.Abs(last[j] - _setpoint[j]) > 1e-6f)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Send()
    {
        _link.SendJointCommand(_command);
        Statistics.CountCommand();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Heartbeat()
    {
        _link.SendHeartbeat();
        Statistics.CountHeartbeat();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WaitUntil(long deadline)
    {
        // Sleep in whole milliseconds while more than the spin window and a scheduler tick remain, then spin to the deadline.
        while (true)
        {
            var remaining = deadline - _time.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var sleepable = (remaining - _spinTicks) / _ticksPerMillisecond;
            if (sleepable >= 1)
            {
                Thread.Sleep((int)sleepable);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
