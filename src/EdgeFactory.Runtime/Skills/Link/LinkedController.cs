using System.Net;
using System.Numerics;
using EdgeFactory.Robotics.Control;
using EdgeFactory.Robotics.Io;
using EdgeFactory.Robotics.Link;
using EdgeFactory.Robotics.Safety;
using EdgeFactory.Runtime.Motion;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// One controller of a robot on the robot link (its arm, its hand, its belt): the link, the safety envelope, the
/// fixed-rate control loop and the chunk pump that feeds it. Moves are asked for by target; the loop and the envelope
/// decide what reaches the controller.
/// </summary>
internal sealed class LinkedController : IAsyncDisposable
{
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(5);

    // Fingers slower than this have stopped (on a part, or closed on nothing).
    private const float StoppedSpeed = 0.005f;

    // A reach has settled when every joint is within its tolerance and slower than the tolerance per this many seconds
    // (it would take longer than that to drift out of it), at SettledPolls observations in a row, so that a joint passing
    // through its target does not count. A fixed speed as small as the fingers' would wait out the last micro-corrections
    // of every move, long after the arm is where it should be.
    private const float SettleSeconds = 0.2f;
    private const int SettledPolls = 3;
    private readonly string _robot;
    private readonly ControllerDefinition _definition;
    private readonly IActionChunkSource _source;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly long[] _interventions = new long[SafetyReasons.Count];
    private RobotLink? _link;
    private ControlLoop? _loop;
    private ActionChunkPump? _pump;
    private ControlObservation? _observation;
    private Task _pumping = Task.CompletedTask;

    public LinkedController(string robot, ControllerDefinition definition, IActionChunkSource source, TimeProvider time, ILoggerFactory loggers)
    {
        _robot = robot;
        _definition = definition;
        _source = source;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<LinkedController>();
    }

    /// <summary>Controller name in the kind file.</summary>
    public string Name => _definition.Name;

    /// <summary>The policy (model slot) that moves it; null for a belt, which runs straight lines.</summary>
    public string? Policy => _definition.Policy;

    /// <summary>The robot this controller belongs to.</summary>
    public string Robot => _robot;

    /// <summary>What it drives.</summary>
    public ControllerDevice Device => _definition.Device;

    /// <summary>Joint count the controller announced.</summary>
    public int Joints => _link?.Capabilities?.Joints.Count ?? 0;

    /// <summary>The link's counters.</summary>
    public LinkStatistics? Link => _link?.Statistics;

    /// <summary>The envelope's counters.</summary>
    public SafetyStatistics? Safety { get; private set; }

    /// <summary>The loop's counters.</summary>
    public ControlLoopStatistics? Loop => _loop?.Statistics;

    /// <summary>The controller's latest state, read by the energy meter and the moves.</summary>
    public RobotState? State => _link?.State;

    /// <summary>Connects to the controller at <paramref name="address"/> and starts the loop and the pump.</summary>
    public async Task StartAsync(Uri address, int rateHz, int chunkHz, EmergencyStop? emergencyStop, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / rateHz);
        var endpoint = new IPEndPoint((await Dns.GetHostAddressesAsync(address.Host, cancellationToken).ConfigureAwait(false)).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork), address.Port);
        var label = $"{_robot}/{_definition.Name}";
        _link = new RobotLink(new RobotLinkOptions { Robot = label, Controller = endpoint, Client = ClientName(_robot), ControlPeriod = period }, _time, _loggers.CreateLogger<RobotLink>());
        var capabilities = await _link.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var announced = capabilities.Kind switch
        {
            RobotKind.Arm => ControllerDevice.Arm,
            RobotKind.Gripper => ControllerDevice.Gripper,
            _ => ControllerDevice.Conveyor,
        };
        if (announced != _definition.Device)
        {
            throw new RobotLinkException(RobotLinkErrorCode.JointCountMismatch, $"Robot {_robot}: controller '{_definition.Name}' at {address} announces a {announced.ToString().ToLowerInvariant()}, but the kind file says {_definition.Device.ToString().ToLowerInvariant()}.");
        }

        var keepOut = _definition.KeepOut.Select(b => new KeepOutBox(b.Name, new Vector3((float)b.Min[0], (float)b.Min[1], (float)b.Min[2]), new Vector3((float)b.Max[0], (float)b.Max[1], (float)b.Max[2]))).ToList();
        var safety = SafetyOptions.FromCapabilities(label, capabilities, period, (float)_definition.AccelerationMax, (float)_definition.MaxStep, keepOut);
        var envelope = new SafetyEnvelope(safety, _time);
        Safety = envelope.Statistics;
        var joints = capabilities.Joints.Count;
        var chunks = new ActionChunkBuffer(ChunkHorizon, joints);
        _loop = new ControlLoop(new ControlLoopOptions { Robot = label, RateHz = rateHz }, _link, envelope, chunks, emergencyStop, _time, _loggers.CreateLogger<ControlLoop>());
        _pump = new ActionChunkPump(label, _source, _loop, chunks, TimeSpan.FromTicks(TimeSpan.TicksPerSecond / chunkHz), _time, _loggers.CreateLogger<ActionChunkPump>());
        _observation = new ControlObservation(joints);
        _loop.Start();
        _pumping = _pump.RunAsync(_stopping.Token);
    }

    /// <summary>The most steps a chunk may carry (a policy's H).</summary>
    public const int ChunkHorizon = 64;

    /// <summary>Moves to <paramref name="target"/> and waits until it settles, the controller stops, or the e-stop trips.</summary>
    public async Task<MoveOutcome> ReachAsync(float[] target, bool grasp, Func<bool> emergencyStopped, CancellationToken cancellationToken)
    {
        var pump = _pump ?? throw new InvalidOperationException($"Robot {_robot}: controller '{Name}' is not started.");
        if (target.Length != Joints)
        {
            return MoveOutcome.Failed($"controller '{Name}' has {Joints} joints; the pose gives {target.Length}");
        }

        if (!await ReadyAsync(emergencyStopped, cancellationToken).ConfigureAwait(false))
        {
            return emergencyStopped() ? MoveOutcome.EmergencyStop : MoveOutcome.Failed(Stopped() ?? $"controller '{Name}' is not ready");
        }

        var started = _time.GetTimestamp();
        var within = 0L;
        Safety!.CopyInterventions(_interventions);
        var fight = new EnvelopeFight(_time, _loop!.Statistics.Commands, _interventions);
        pump.SetTarget(target);
        try
        {
            // The first chunk now, not at the pump's next tick (up to one chunk interval later).
            await pump.PumpOnceAsync(cancellationToken).ConfigureAwait(false);
            var still = 0;
            var settled = 0;
            while (true)
            {
                await Task.Delay(SettlePoll, _time, cancellationToken).ConfigureAwait(false);
                if (emergencyStopped())
                {
                    return MoveOutcome.EmergencyStop;
                }

                if (Stopped() is { } stopped)
                {
                    return MoveOutcome.Failed(stopped);
                }

                // Not a grasp: fingers held shut on a part while their policy closes on are stopped by the envelope by design.
                if (!grasp && Fought(fight) is { } fought)
                {
                    return MoveOutcome.Failed(fought);
                }

                if (!_loop.TryObserve(_observation!))
                {
                    continue;
                }

                var moving = Moving(_observation!.Velocities, StoppedSpeed);
                still = moving ? 0 : still + 1;
                if (grasp)
                {
                    // A grasp ends when the fingers stop on a part (input 0); closing all the way means there was none.
                    if ((State!.Inputs & 1) != 0 && still >= 4)
                    {
                        return MoveOutcome.Done;
                    }

                    if (Within(_observation.Positions, target, (float)_definition.Tolerance) && !moving)
                    {
                        return MoveOutcome.Failed("the gripper closed on nothing");
                    }
                }
                else if (Within(_observation.Positions, target, (float)_definition.Tolerance))
                {
                    within = within == 0 ? _time.GetTimestamp() : within;
                    settled = Moving(_observation.Velocities, (float)_definition.Tolerance / SettleSeconds) ? 0 : settled + 1;
                    if (settled >= SettledPolls)
                    {
                        MoveLog.Settled(_logger, _robot, Name, (long)_time.GetElapsedTime(started).TotalMilliseconds, (long)_time.GetElapsedTime(started, within).TotalMilliseconds, _source is PolicyChunkSource policy ? policy.Slot.Version ?? "none" : "none");
                        return MoveOutcome.Done;
                    }
                }
                else
                {
                    settled = 0;
                }
            }
        }
        finally
        {
            // Whatever ended the move, the pump stops asking; the loop finishes the chunk it has, which ends at the target or where the policy was.
            pump.ClearTarget();
        }
    }

    /// <summary>Runs the belt at <paramref name="speed"/> for <paramref name="distance"/> metres, or until input <paramref name="untilInput"/> is on, or (neither given) just sets it running or stopped.</summary>
    public async Task<MoveOutcome> RunBeltAsync(float speed, float? distance, int? untilInput, Func<bool> emergencyStopped, CancellationToken cancellationToken)
    {
        var pump = _pump ?? throw new InvalidOperationException($"Robot {_robot}: controller '{Name}' is not started.");
        var belt = _source as StraightLineChunkSource ?? throw new InvalidOperationException($"Robot {_robot}: controller '{Name}' is moved by a policy, not run at a speed.");
        while (!_loop!.TryObserve(_observation!))
        {
            await Task.Delay(SettlePoll, _time, cancellationToken).ConfigureAwait(false);
        }

        if (!await ReadyAsync(emergencyStopped, cancellationToken).ConfigureAwait(false))
        {
            return emergencyStopped() ? MoveOutcome.EmergencyStop : MoveOutcome.Failed(Stopped() ?? $"controller '{Name}' is not ready");
        }

        _loop.TryObserve(_observation!);
        var start = _observation!.Positions[0];
        var target = new float[Joints];
        if (speed <= 0)
        {
            belt.Speed = 1f;
            target[0] = start;
            pump.SetTarget(target);
            return MoveOutcome.Done;
        }

        belt.Speed = speed;
        target[0] = start + (distance ?? BeltRunway);
        pump.SetTarget(target);
        while (true)
        {
            if (distance is null && untilInput is null)
            {
                return MoveOutcome.Done;
            }

            await Task.Delay(SettlePoll, _time, cancellationToken).ConfigureAwait(false);
            if (emergencyStopped())
            {
                return MoveOutcome.EmergencyStop;
            }

            if (Stopped() is { } stopped)
            {
                return MoveOutcome.Failed(stopped);
            }

            if (untilInput is { } bit && (State!.Inputs & (1u << bit)) != 0)
            {
                return MoveOutcome.Done;
            }

            if (distance is { } d && _loop.TryObserve(_observation) && _observation.Positions[0] - start >= d - (float)_definition.Tolerance)
            {
                return MoveOutcome.Done;
            }
        }
    }

    /// <summary>Sets digital output <paramref name="bit"/> on the controller at the loop's next cycle.</summary>
    public MoveOutcome SetOutput(int bit, bool value)
    {
        var loop = _loop ?? throw new InvalidOperationException($"Robot {_robot}: controller '{Name}' is not started.");
        var outputs = _link!.Capabilities!.Outputs;
        if (bit >= outputs)
        {
            return MoveOutcome.Failed($"controller '{Name}' has {outputs} digital outputs; output {bit} does not exist");
        }

        loop.RequestOutputs(1u << bit, value ? 1u << bit : 0);
        return MoveOutcome.Done;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pumping.ConfigureAwait(false);
        _loop?.Dispose();
        _link?.Dispose();
        _stopping.Dispose();
    }

    // Far enough that a belt running "until the eye sees an item" never arrives first.
    private const float BeltRunway = 1_000f;

    // A controller that braked on its watchdog (the link went quiet, e.g. the edge stalled) holds until it is reset;
    // a new move resets it and starts from where the robot stands. Not during an e-stop.
    private async Task<bool> ReadyAsync(Func<bool> emergencyStopped, CancellationToken cancellationToken)
    {
        for (var attempt = 0; State!.Mode == ControllerMode.Braked; attempt++)
        {
            if (emergencyStopped() || attempt == 40)
            {
                return false;
            }

            if (attempt % 10 == 0)
            {
                _loop!.RequestFaultReset();
            }

            await Task.Delay(SettlePoll, _time, cancellationToken).ConfigureAwait(false);
        }

        return !emergencyStopped();
    }

    private string? Fought(EnvelopeFight fight)
    {
        Safety!.CopyInterventions(_interventions);
        return fight.Check(_loop!.Statistics.Commands, _interventions) is { } fought ? $"controller '{Name}': {fought}" : null;
    }

    private string? Stopped() => State!.Mode switch
    {
        ControllerMode.Braked => $"controller '{Name}' braked (its watchdog: the link went quiet)",
        ControllerMode.Fault => $"controller '{Name}' reports a fault: {State.FaultDetail()}",
        _ => null,
    };

    private static bool Moving(ReadOnlySpan<float> velocities, float speed)
    {
        foreach (var v in velocities)
        {
            if (MathF.Abs(v) > speed)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Within(ReadOnlySpan<float> positions, ReadOnlySpan<float> target, float tolerance)
    {
        for (var j = 0; j < positions.Length; j++)
        {
            if (MathF.Abs(positions[j] - target[j]) > tolerance)
            {
                return false;
            }
        }

        return true;
    }

    private static string ClientName(string robot) => robot.Length <= 16 ? robot : robot[..16];
}
