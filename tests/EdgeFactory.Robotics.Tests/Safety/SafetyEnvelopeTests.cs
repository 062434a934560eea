using System.Numerics;
using EdgeFactory.Robotics.Link;
using EdgeFactory.Robotics.Safety;
using EdgeFactory.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Robotics.Tests.Safety;

public sealed class SafetyEnvelopeTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(4);
    private readonly FakeTimeProvider _time = new();
    private readonly JointTarget[] _command = new JointTarget[6];

    [Fact]
    public void Filter_SmallStep_PassesUnchanged()
    {
        var envelope = CreateSut();
        var outcome = envelope.Filter([0.001f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Passed, SafetyReason.None), outcome);
        Assert.Equal(0.001f, _command[0].Position);
        Assert.Equal(1, envelope.Statistics.Passed);
    }

    [Fact]
    public void Filter_NaNAction_HeldAndCounted()
    {
        var envelope = CreateSut();
        var outcome = envelope.Filter([float.NaN, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Held, SafetyReason.Nan), outcome);
        Assert.All(_command, c => Assert.Equal(new JointTarget(0, 0), c));
        Assert.Equal(1, envelope.Statistics.Count(SafetyVerdict.Held, SafetyReason.Nan));
        Assert.Equal(SafetyReason.Nan, envelope.Filter([0, float.PositiveInfinity, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command).Reason);
        Assert.Equal(2, envelope.Statistics.Interventions);
    }

    [Fact]
    public void Filter_TargetBeyondRange_ClampedToIt()
    {
        var envelope = CreateSut(positionMax: 0.001f);
        var outcome = envelope.Filter([0.002f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Clamped, SafetyReason.PositionLimit), outcome);
        Assert.Equal(0.001f, _command[0].Position);
    }

    [Fact]
    public void Filter_StepFasterThanTopSpeed_ClampedToTopSpeed()
    {
        var envelope = CreateSut(acceleration: 1_000f);
        var outcome = envelope.Filter([0.05f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Clamped, SafetyReason.VelocityLimit), outcome);
        Assert.Equal(1f * 0.004f, _command[0].Position, 6);
        Assert.Equal(1f, _command[0].Velocity);
    }

    [Fact]
    public void Filter_SpeedingUpTooFast_ClampedToAcceleration()
    {
        var envelope = CreateSut(acceleration: 10f);
        var outcome = envelope.Filter([0.004f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Clamped, SafetyReason.AccelerationLimit), outcome);
        Assert.Equal(10f * 0.004f, _command[0].Velocity, 5);
    }

    [Fact]
    public void Filter_SlowingDown_NeverLimited()
    {
        var envelope = CreateSut(acceleration: 1_000f);
        envelope.Filter([0.004f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        var outcome = envelope.Filter([0.004f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        Assert.Equal(SafetyVerdict.Passed, outcome.Verdict);
        Assert.Equal(0, _command[0].Velocity);
    }

    [Fact]
    public void Filter_SteadyMotionCheckedLate_MeasuredAtItsOwnInstants()
    {
        // A loop samples its trajectory on time but is preempted before some checks: the envelope sees the calls bunch up
        // (8 ms, then none), yet each setpoint is for its own 4 ms instant, so a steady 0.5 rad/s is neither braking nor
        // speeding up.
        var envelope = CreateSut(acceleration: 200f);
        var start = _time.GetTimestamp();
        var periodTicks = (long)(Period.TotalSeconds * _time.TimestampFrequency);
        for (var k = 1; k <= 50; k++)
        {
            _time.Advance(k % 2 == 0 ? TimeSpan.Zero : 2 * Period);
            var outcome = envelope.Filter([0.5f * k * 0.004f, 0, 0, 0, 0, 0], start + (k * periodTicks), _time.GetTimestamp(), false, "v1", _command);
            Assert.Equal(SafetyVerdict.Passed, outcome.Verdict);
            Assert.Equal(0.5f, _command[0].Velocity, 3);
        }
    }

    [Fact]
    public void Filter_ChunkSpeedingUpAtItsStepsOnLateAndEarlyCycles_NeverClamped()
    {
        // A policy's chunk is straight between its 20 ms steps and speeds up by accel × 20 ms at each step (16 rad/s²:
        // 0.32 rad/s). A loaded loop wakes 3 ms late and keeps its deadline, so the next cycle comes 3 ms early: 7 ms,
        // then 1 ms. A step that falls in the 1 ms cycle is the same speed-up, not one four times as hard.
        var envelope = CreateSut(acceleration: 100f);
        var start = _time.GetTimestamp();
        var elapsed = 0.0;
        for (var k = 0; k < 60; k++)
        {
            elapsed += k % 2 == 0 ? 0.007 : 0.001;
            var position = (float)ChunkPosition(elapsed, stepSeconds: 0.020, speedUp: 0.32, topSpeed: 0.96);
            var at = start + (long)(elapsed * _time.TimestampFrequency);
            var outcome = envelope.Filter([position, 0, 0, 0, 0, 0], at, _time.GetTimestamp(), false, "v2", _command);
            Assert.Equal(new SafetyOutcome(SafetyVerdict.Passed, SafetyReason.None), outcome);
        }
    }

    [Fact]
    public void Filter_SpeedingUpTooFastInAnEarlyCycle_ClampedToOnePeriodsSpeedUp()
    {
        // A 4 ms interval then a 2 ms one: their mean speeds are 3 ms apart, so 3 ms of speeding up is allowed and no more.
        var envelope = CreateSut(acceleration: 10f);
        var start = _time.GetTimestamp();
        var periodTicks = (long)(Period.TotalSeconds * _time.TimestampFrequency);
        envelope.Filter([0.0001f, 0, 0, 0, 0, 0], start + (2 * periodTicks), _time.GetTimestamp(), false, "v1", _command);
        var outcome = envelope.Filter([0.0005f, 0, 0, 0, 0, 0], start + (2 * periodTicks) + (periodTicks / 2), _time.GetTimestamp(), false, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Clamped, SafetyReason.AccelerationLimit), outcome);
        Assert.Equal((0.0001f / 0.004f) + (10f * 0.003f), _command[0].Velocity, 4);
    }

    [Fact]
    public void Filter_TooLargeStep_HeldAtLastSafePosition()
    {
        var envelope = CreateSut(maxStep: 0.1f);
        envelope.Filter([0.002f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        var outcome = envelope.Filter([0.5f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Held, SafetyReason.StepLimit), outcome);
        Assert.Equal(new JointTarget(0.002f, 0), _command[0]);
    }

    [Fact]
    public void Filter_ToolIntoKeepOutBox_Held()
    {
        // At zero joints the UR5-like tool point is (-0.817, -0.191, -0.005); a box around it makes the start pose forbidden to enter again.
        var box = new KeepOutBox("fixture", new Vector3(-0.9f, -0.3f, -0.1f), new Vector3(-0.7f, -0.1f, 0.1f));
        var envelope = CreateSut(keepOut: [box], start: [0.5f, 0, 0, 0, 0, 0]);
        var outcome = envelope.Filter([0.5f - 0.003f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v2", _command);
        Assert.Equal(SafetyVerdict.Passed, outcome.Verdict);
        envelope.Reset([0.01f, 0, 0, 0, 0, 0]);
        outcome = envelope.Filter([0.008f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v2", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Held, SafetyReason.KeepOut), outcome);
        Assert.Equal(0.01f, _command[0].Position);
        Assert.Equal(1, envelope.Statistics.Count(SafetyReason.KeepOut));
    }

    [Fact]
    public void Filter_StaleState_Held()
    {
        var envelope = CreateSut();
        var stateAt = _time.GetTimestamp();
        _time.Advance(Period * 6);
        var outcome = envelope.Filter([0.001f, 0, 0, 0, 0, 0], stateAt, false, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Held, SafetyReason.StaleState), outcome);
        Assert.Equal(SafetyReason.StaleState, envelope.Filter([0.001f, 0, 0, 0, 0, 0], 0, false, "v1", _command).Reason);
        Assert.Equal(0, envelope.Statistics.Interventions);
    }

    [Fact]
    public void CopyInterventions_ByReason_WhatInterventionsSums()
    {
        var envelope = CreateSut(positionMax: 0.001f);
        envelope.Filter([0.002f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        envelope.Filter([0.002f, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        envelope.Filter([float.NaN, 0, 0, 0, 0, 0], _time.GetTimestamp(), false, "v1", _command);
        envelope.Filter([0, 0, 0, 0, 0, 0], 0, false, "v1", _command);
        var byReason = new long[SafetyReasons.Count];

        envelope.Statistics.CopyInterventions(byReason);

        Assert.Equal((2, 1, 0), (byReason[(int)SafetyReason.PositionLimit], byReason[(int)SafetyReason.Nan], byReason[(int)SafetyReason.StaleState]));
        Assert.Equal(envelope.Statistics.Interventions, byReason.Sum());
    }

    [Fact]
    public void Filter_EmergencyStop_Held()
    {
        var envelope = CreateSut();
        var outcome = envelope.Filter([0.001f, 0, 0, 0, 0, 0], _time.GetTimestamp(), true, "v1", _command);
        Assert.Equal(new SafetyOutcome(SafetyVerdict.Held, SafetyReason.Estop), outcome);
    }

    [Fact]
    public void Filter_SteadyState_AllocatesNothing()
    {
        var envelope = CreateSut(keepOut: [new KeepOutBox("far", new Vector3(5, 5, 5), new Vector3(6, 6, 6))]);
        float[] setpoints = [0, 0, 0, 0, 0, 0];
        for (var i = 0; i < 100; i++)
        {
            envelope.Filter(setpoints, _time.GetTimestamp(), false, "v1", _command);
        }

        var measured = ThreadAllocations.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                setpoints[0] = i % 2 == 0 ? 0.001f : float.NaN;
                envelope.Filter(setpoints, _time.GetTimestamp(), false, "v1", _command);
            }
        });

        Assert.True(measured.Bytes == 0, measured.ToString());
    }

    [Fact]
    public void Options_Invalid_RefusedAtStart()
    {
        var options = Options();
        Assert.Throws<ArgumentException>(() => new SafetyEnvelope(options with { Joints = [new JointLimit(1, 0, 1, 1, 1)] }));
        Assert.Throws<ArgumentException>(() => new SafetyEnvelope(options with { Kinematics = null }));
        Assert.Throws<ArgumentException>(() => new SafetyEnvelope(options with { StaleStatePeriods = 0 }));
    }

    [Fact]
    public void FromCapabilities_Arm_GetsUr5Chain_GripperNone()
    {
        var arm = SafetyOptions.FromCapabilities("a", ControllerPeer.Arm, Period, 10, 0.1f);
        Assert.Same(KinematicChain.Ur5, arm.Kinematics);
        var gripper = SafetyOptions.FromCapabilities("g", ControllerPeer.Arm with { Kind = RobotKind.Gripper, Joints = [new JointRange(0, 0.08f, 0.1f)] }, Period, 10, 0.1f);
        Assert.Null(gripper.Kinematics);
        gripper.Validate();
    }

    // Position along a chunk that is straight between its steps and speeds up by speedUp at each one, up to topSpeed.
    private static double ChunkPosition(double t, double stepSeconds, double speedUp, double topSpeed)
    {
        var position = 0.0;
        for (var j = 0; j * stepSeconds < t; j++)
        {
            position += Math.Min(j * speedUp, topSpeed) * Math.Min(stepSeconds, t - (j * stepSeconds));
        }

        return position;
    }

    private SafetyEnvelope CreateSut(float positionMax = 3f, float acceleration = 1_000f, float maxStep = 0.2f, KeepOutBox[]? keepOut = null, float[]? start = null)
    {
        var envelope = new SafetyEnvelope(Options(positionMax, acceleration, maxStep) with { KeepOut = keepOut ?? [] }, _time);
        envelope.Reset(start ?? new float[6]);
        return envelope;
    }

    private static SafetyOptions Options(float positionMax = 3f, float acceleration = 1_000f, float maxStep = 0.2f) => new()
    {
        Robot = "arm-1",
        Joints = [.. Enumerable.Repeat(new JointLimit(-3f, positionMax, 1f, acceleration, maxStep), 6)],
        ControlPeriod = Period,
        Kinematics = KinematicChain.Ur5,
        KeepOut = [new KeepOutBox("x", Vector3.Zero, Vector3.One)],
    };
}
