using EdgeFactory.Runtime.Skills.Link;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Runtime.Tests.Skills.Link;

public sealed class EnvelopeFightTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void ClampedOnAQuarterOfItsCommandsForASecond_Fails_WithTheFigures()
    {
        var fight = new EnvelopeFight(_time, commands: 1_000, interventions: 10);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(fight.Check(1_250, 100));

        _time.Advance(TimeSpan.FromMilliseconds(500));
        var reason = fight.Check(1_500, 160);

        Assert.Equal("the policy fought the safety envelope: 150 of its 500 commands in the last 1.0 s were clamped or held", reason);
    }

    [Fact]
    public void ClampedNowAndThen_RunsOn()
    {
        var fight = new EnvelopeFight(_time, commands: 0, interventions: 0);
        for (var second = 1; second <= 5; second++)
        {
            _time.Advance(EnvelopeFight.Window);
            Assert.Null(fight.Check(second * 500, second * 3));
        }
    }

    [Fact]
    public void TooFewCommands_SayNothing()
    {
        // A loop that barely ran (a stalled machine) is no evidence about the policy.
        var fight = new EnvelopeFight(_time, commands: 0, interventions: 0);
        _time.Advance(EnvelopeFight.Window);

        Assert.Null(fight.Check(20, 20));
    }
}
