using EdgeFactory.Robotics.Safety;
using EdgeFactory.Runtime.Skills.Link;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Runtime.Tests.Skills.Link;

public sealed class EnvelopeFightTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void ClampedOnAQuarterOfItsCommandsForASecond_Fails_WithTheFigures()
    {
        var fight = new EnvelopeFight(_time, commands: 1_000, Interventions(velocity: 10));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(fight.Check(1_250, Interventions(velocity: 100)));

        _time.Advance(TimeSpan.FromMilliseconds(500));
        var reason = fight.Check(1_500, Interventions(velocity: 160));

        Assert.Equal("the policy fought the safety envelope: 150 of its 500 commands in the last 1.0 s were clamped or held (velocity_limit 150)", reason);
    }

    [Fact]
    public void FoughtForSeveralReasons_NamesThemMostFrequentFirst()
    {
        var fight = new EnvelopeFight(_time, commands: 0, Interventions(velocity: 7, step: 2));
        _time.Advance(EnvelopeFight.Window);

        var reason = fight.Check(250, Interventions(velocity: 11, acceleration: 6, step: 232));

        Assert.Equal("the policy fought the safety envelope: 240 of its 250 commands in the last 1.0 s were clamped or held (step_limit 230, acceleration_limit 6, velocity_limit 4)", reason);
    }

    [Fact]
    public void ClampedNowAndThen_RunsOn()
    {
        var fight = new EnvelopeFight(_time, commands: 0, Interventions());
        for (var second = 1; second <= 5; second++)
        {
            _time.Advance(EnvelopeFight.Window);
            Assert.Null(fight.Check(second * 500, Interventions(acceleration: second * 3)));
        }
    }

    [Fact]
    public void TooFewCommands_SayNothing()
    {
        // A loop that barely ran (a stalled machine) is no evidence about the policy.
        var fight = new EnvelopeFight(_time, commands: 0, Interventions());
        _time.Advance(EnvelopeFight.Window);

        Assert.Null(fight.Check(20, Interventions(position: 20)));
    }

    private static long[] Interventions(long position = 0, long velocity = 0, long acceleration = 0, long step = 0)
    {
        var byReason = new long[SafetyReasons.Count];
        byReason[(int)SafetyReason.PositionLimit] = position;
        byReason[(int)SafetyReason.VelocityLimit] = velocity;
        byReason[(int)SafetyReason.AccelerationLimit] = acceleration;
        byReason[(int)SafetyReason.StepLimit] = step;
        return byReason;
    }
}
