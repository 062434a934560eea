using System.Device.Gpio;
using EdgeFactory.Robotics.Control;
using EdgeFactory.Robotics.Io;
using EdgeFactory.Robotics.Link;
using EdgeFactory.Robotics.Safety;
using EdgeFactory.Testing;

namespace EdgeFactory.Robotics.Tests.Control;

[Collection(AllocationCollection.Name)]
public sealed class ControlLoopTests : IDisposable
{
    private const int EstopLine = 4;
    private static readonly float[] Target = [0.3f, -0.2f, 0.1f, 0f, 0.25f, -0.1f];
    private static readonly float RangeEnd = ControllerPeer.Arm.Joints[0].PositionMax;
    private readonly ControllerPeer _peer = new(ControllerPeer.Arm) { StateEvery = TimeSpan.FromMilliseconds(5) };
    private readonly SimulatedGpioDriver _driver = new();
    private readonly GpioController _gpio;
    private readonly EmergencyStop _estop;
    private readonly RobotLink _link;
    private readonly ActionChunkBuffer _chunks = new(10, 6);
    private readonly SafetyEnvelope _envelope;
    private readonly ControlLoop _loop;
    private readonly ActionChunkPump _pump;

    public ControlLoopTests()
    {
        _driver.SetInput(EstopLine, PinValue.High);
        _gpio = GpioControllers.Open(new GpioOptions(), _driver);
        _estop = new EmergencyStop(_gpio, new EmergencyStopOptions { Line = EstopLine });
        var options = new ControlLoopOptions { Robot = "arm-1", RateHz = 500 };
        _link = new RobotLink(new RobotLinkOptions { Robot = "arm-1", Controller = _peer.EndPoint, ControlPeriod = options.Period, HandshakeTimeout = TimeSpan.FromSeconds(5) });
        var capabilities = _link.ConnectAsync(CancellationToken.None).GetAwaiter().GetResult();
        _envelope = new SafetyEnvelope(SafetyOptions.FromCapabilities("arm-1", capabilities, options.Period, accelerationMax: 20, maxStep: 0.1f) with { StaleStatePeriods = 25 });
        _loop = new ControlLoop(options, _link, _envelope, _chunks, _estop);
        _pump = new ActionChunkPump("arm-1", new StraightLineChunkSource(0.5f, TimeSpan.FromMilliseconds(20)), _loop, _chunks, TimeSpan.FromMilliseconds(100));
    }

    public void Dispose()
    {
        _loop.Dispose();
        _link.Dispose();
        _estop.Dispose();
        _gpio.Dispose();
        _peer.Dispose();
    }

    [Fact]
    public async Task Run_ChunksTowardTarget_ReachesItThenIdles()
    {
        _pump.SetTarget(Target);
        using var stop = new CancellationTokenSource();
        var pumping = _pump.RunAsync(stop.Token);
        _loop.Start();
        await Eventually.TrueAsync(() => AtTarget() && !_loop.IsMoving, "the plant at the target and the loop idle");
        var heartbeats = _loop.Statistics.Heartbeats;
        await Eventually.TrueAsync(() => _loop.Statistics.Heartbeats > heartbeats + 10, "heartbeats while idle");
        _loop.Stop();
        await stop.CancelAsync();
        await pumping;
        Assert.True(_loop.Statistics.ChunksTaken >= 2);
        Assert.Equal(0, _envelope.Statistics.Count(SafetyVerdict.Held, SafetyReason.Nan));
        Assert.True(_loop.Statistics.Jitter.Count == _loop.Statistics.Cycles);
    }

    [Fact]
    public async Task Run_SteadyState_AllocatesNothingAndCollectsNothing()
    {
        _peer.Record = false;
        _pump.SetTarget([2.5f, -2.5f, 2.5f, -2.5f, 2.5f, -2.5f]);
        using var stop = new CancellationTokenSource();
        var pumping = _pump.RunAsync(stop.Token);
        long chunksBefore = 0, commandsBefore = 0;
        var measured = default(ThreadAllocations);
        var thread = new Thread(() =>
        {
            _loop.Run(1_000);
            chunksBefore = _loop.Statistics.ChunksTaken;
            commandsBefore = _loop.Statistics.Commands;
            measured = ThreadAllocations.Measure(() => _loop.Run(2_000));
        });
        thread.Start();
        thread.Join();
        await stop.CancelAsync();
        await pumping;
        Assert.True(measured.Bytes == 0, $"{measured} over 2,000 cycles");
        Assert.Equal(0, measured.Collections);
        Assert.True(_loop.Statistics.ChunksTaken > chunksBefore, "chunks were swapped in during the window");
        Assert.True(_loop.Statistics.Commands > commandsBefore + 1_000, "the loop was commanding motion during the window");
    }

    [Fact]
    public async Task EmergencyStop_Tripped_NextCommandHoldsWithTheFlag_ResetOnlyAfterRelease()
    {
        _pump.SetTarget(Target);
        _loop.Run(20);
        Assert.True(await _pump.PumpOnceAsync(CancellationToken.None));
        _loop.Run(20);
        await Eventually.TrueAsync(() => _peer.Received.Count == _link.Statistics.Sent, "every datagram sent so far received");
        Assert.True(_peer.Received.Count(d => d.Type == LinkMessageType.JointCommand) >= 15, "commands while moving");
        var beforeTrip = _peer.Received.Count;
        var lastCommand = _peer.Received.Last(d => d.Type == LinkMessageType.JointCommand);

        _driver.SetInput(EstopLine, PinValue.Low);
        _loop.Run(1);

        await Eventually.TrueAsync(() => _peer.Received.Skip(beforeTrip).Any(d => d.Type == LinkMessageType.JointCommand), "the command after the trip");
        var after = _peer.Received.Skip(beforeTrip).ToList();
        Assert.Contains(after, d => d.Type == LinkMessageType.Estop && d.Estop == true);
        var hold = after.First(d => d.Type == LinkMessageType.JointCommand);
        Assert.Equal(LinkFlags.EmergencyStop, hold.Flags);
        Assert.Equal(lastCommand.Targets!.Select(t => t.Position), hold.Targets!.Select(t => t.Position));
        Assert.All(hold.Targets!, t => Assert.Equal(0f, t.Velocity));
        Assert.Equal(1, _envelope.Statistics.Count(SafetyVerdict.Held, SafetyReason.Estop));

        _loop.Run(5);
        Assert.False(_estop.Reset());
        _loop.Run(5);
        await Eventually.TrueAsync(() => _peer.Received.Count == _link.Statistics.Sent, "every datagram sent during the e-stop received");
        Assert.All(_peer.Received.Skip(beforeTrip), d => Assert.Equal(LinkFlags.EmergencyStop, d.Flags));

        _driver.SetInput(EstopLine, PinValue.High);
        Assert.True(_estop.Reset());
        var beforeRelease = _peer.Received.Count;
        _loop.Run(1);
        await Eventually.TrueAsync(() => _peer.Received.Skip(beforeRelease).Any(d => d.Type == LinkMessageType.FaultReset), "release and fault reset");
        var released = _peer.Received.Skip(beforeRelease).ToList();
        Assert.Contains(released, d => d.Type == LinkMessageType.Estop && d.Estop == false && d.Flags == LinkFlags.None);
        Assert.False(_loop.IsMoving);
    }

    [Fact]
    public async Task Run_StateStallsMidMove_HoldsThenJoinsTheChunkAgainWithoutAJump()
    {
        _pump.SetTarget(Target);
        using var stop = new CancellationTokenSource();
        var pumping = _pump.RunAsync(stop.Token);
        _loop.Start();
        await Eventually.TrueAsync(() => _loop.Statistics.Commands > 20, "moving");

        // The controller goes quiet for long enough that the moving chunk runs far past the held command.
        _peer.AnswerCommands = false;
        _peer.StateEvery = TimeSpan.Zero;
        await Eventually.TrueAsync(() => _envelope.Statistics.Count(SafetyVerdict.Held, SafetyReason.StaleState) > 400, "holds on the stale state");
        _peer.StateEvery = TimeSpan.FromMilliseconds(5);
        _peer.AnswerCommands = true;

        await Eventually.TrueAsync(() => AtTarget() && !_loop.IsMoving, "the plant at the target and the loop idle");
        _loop.Stop();
        await stop.CancelAsync();
        await pumping;
        Assert.True(_envelope.Statistics.Count(SafetyVerdict.Held, SafetyReason.StepLimit) == 0, _envelope.Statistics.Summary());
    }

    [Fact]
    public void Run_NewVersionAfterAClampedOne_StartsFromRestAndIsNotChargedForTheOldMotion()
    {
        _loop.Run(10);
        var start = _envelope.LastPositions.ToArray();
        // 4 rad/s from the first step: the envelope limits how fast the command speeds up (20 rad/s² here) every cycle.
        Publish("wild", start, k => 0.08f * k);
        _loop.Run(40);
        var standing = _envelope.LastPositions.ToArray();
        Publish("calm", standing, _ => 0f);
        _loop.Run(150);

        var byVersion = new Dictionary<string, long>();
        _envelope.Statistics.AddInterventionsByVersion(byVersion);
        Assert.True(byVersion.GetValueOrDefault("wild") > 0, _envelope.Statistics.Summary());
        Assert.Equal(0, byVersion.GetValueOrDefault("calm"));
        Assert.Equal(standing, _envelope.LastPositions.ToArray());
    }

    [Fact]
    public void Run_ChunkAtTheEndOfTheRangeJoinsAMotionHeadingThere_BlendStaysInsideTheRange()
    {
        // Fingers opening all the way at 1 rad/s, 20 ms short of the end, when a chunk planned at the end (at rest) joins.
        var start = StandAt(RangeEnd - 0.1f);
        Publish("v1", start, k => MathF.Min(0.02f * k, RangeEnd - start[0]));
        _loop.Run(40);
        var end = Enumerable.Repeat(RangeEnd, start.Length).ToArray();
        Publish("v1", end, _ => 0f);
        _loop.Run(150);

        Assert.True(_envelope.Statistics.Count(SafetyReason.PositionLimit) == 0, _envelope.Statistics.Summary());
        Assert.All(_envelope.LastPositions.ToArray(), p => Assert.True(p <= RangeEnd));
    }

    [Fact]
    public void Run_ChunkBeyondTheRange_IsClampedAndCounted()
    {
        // A policy that asks for more than the range is still the envelope's to clamp, and counted against it.
        var start = StandAt(RangeEnd - 0.1f);
        Publish("v1", start, k => 0.02f * k);
        _loop.Run(150);

        Assert.True(_envelope.Statistics.Count(SafetyReason.PositionLimit) > 0, _envelope.Statistics.Summary());
        Assert.All(_envelope.LastPositions.ToArray(), p => Assert.True(p <= RangeEnd));
    }

    [Fact]
    public void Options_RateOutsideRange_Refused()
    {
        Assert.Throws<ArgumentException>(() => new ControlLoop(new ControlLoopOptions { Robot = "arm-1", RateHz = 1000 }, _link, _envelope, _chunks));
    }

    // Puts the controller's joints at 'position' and runs the loop until it has seen them there.
    private float[] StandAt(float position)
    {
        _peer.Positions.AsSpan().Fill(position);
        var observation = new ControlObservation(Target.Length);
        for (var round = 0; round < 500 && !(_loop.TryObserve(observation) && observation.Positions[0] == position); round++)
        {
            _loop.Run(5);
        }

        return observation.Positions.ToArray();
    }

    // A chunk as long as the buffer holds, steps 20 ms apart, from 'from', each joint offset by 'offset(k)' at step k.
    private void Publish(string version, float[] from, Func<int, float> offset)
    {
        var chunk = _chunks.Back;
        chunk.Steps = chunk.Horizon;
        chunk.StepPeriod = TimeSpan.FromMilliseconds(20);
        chunk.ModelVersion = version;
        chunk.ObservedAt = 0;
        for (var k = 0; k < chunk.Steps; k++)
        {
            for (var j = 0; j < from.Length; j++)
            {
                chunk.Step(k)[j] = from[j] + offset(k);
            }
        }

        _chunks.Publish();
    }

    private bool AtTarget()
    {
        for (var i = 0; i < Target.Length; i++)
        {
            if (MathF.Abs(_peer.Positions[i] - Target[i]) > 1e-3f)
            {
                return false;
            }
        }

        return true;
    }
}
