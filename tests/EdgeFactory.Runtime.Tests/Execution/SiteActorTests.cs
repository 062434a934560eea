using Akka.Actor;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Runtime.Tests.Execution;

/// <summary>The site actor's supervision of its robots, with stand-in robots that count and crash on demand.</summary>
public sealed class SiteActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly SiteSettings Settings = new()
    {
        MaxRestarts = 2,
        RestartWindow = TimeSpan.FromMinutes(1),
        RestartBackoff = TimeSpan.FromMilliseconds(10),
        MaxRestartBackoff = TimeSpan.FromMilliseconds(40),
    };

    [Fact]
    public void Crash_RobotRestartsWithFreshStateAndWorksAgainAfterItsBackoff()
    {
        var site = StartSite((_, _) => { }, "r1");
        ExpectMsg("r1 working");
        site.Tell(new ToRobot("r1", new Bump()));
        site.Tell(new ToRobot("r1", new Bump()));
        ExpectMsg(1);
        ExpectMsg(2);

        site.Tell(new ToRobot("r1", new Crash()));

        ExpectMsg("r1 working");
        site.Tell(new ToRobot("r1", new Bump()));
        ExpectMsg(1);
    }

    [Fact]
    public void CrashesBeyondMaxRestarts_RobotStopsAndEscalatesOnceWhileOthersCarryOn()
    {
        var site = StartSite((robot, crash) => TestActor.Tell($"{robot.RobotId} faulted: {crash.Message}"), "r1", "r2");
        ExpectMsgAllOf(["r1 working", "r2 working"]);

        for (var i = 0; i < Settings.MaxRestarts; i++)
        {
            site.Tell(new ToRobot("r1", new Crash()));
            ExpectMsg("r1 working");
        }

        site.Tell(new ToRobot("r1", new Crash()));

        ExpectMsg<string>(m => m.StartsWith("r1 faulted: crash", StringComparison.Ordinal));
        site.Tell(new ToRobot("r2", new Bump()));
        ExpectMsg(1);
    }

    [Fact]
    public void StopRobots_SiteAndRobotsStopWithoutEscalating()
    {
        var site = StartSite((robot, _) => TestActor.Tell($"{robot.RobotId} faulted"), "r1");
        ExpectMsg("r1 working");
        Watch(site);

        site.Tell(StopRobots.Instance);

        ExpectTerminated(site);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Ask_RobotNeverAnswers_FailsAtItsExplicitTimeout()
    {
        var site = StartSite((_, _) => { }, "r1");
        ExpectMsg("r1 working");

        await Assert.ThrowsAsync<AskTimeoutException>(() => site.Ask<int>(new ToRobot("r1", new Silent()), TimeSpan.FromMilliseconds(200)));
    }

    private IActorRef StartSite(Action<RobotDefinition, Exception> faulted, params string[] robots)
    {
        var probe = TestActor;
        return Sys.ActorOf(SiteActor.Props(
            [.. robots.Select(id => new RobotDefinition(id, "conveyor", id))],
            robot => Props.Create(() => new CountingRobot(robot.RobotId, probe)),
            Settings,
            faulted,
            TimeProvider.System,
            NullLogger.Instance));
    }

    private sealed record Bump : RobotMessage;

    private sealed record Crash : RobotMessage;

    private sealed record Silent : RobotMessage;

    // Counts what it was told; a fresh instance starts at zero. Reports when it works, as a robot does after its backoff.
    private sealed class CountingRobot : ReceiveActor
    {
        private readonly string _id;
        private int _count;

        public CountingRobot(string id, IActorRef probe)
        {
            _id = id;
            Receive<Bump>(_ => Sender.Tell(++_count));
            Receive<Crash>(_ => throw new InvalidOperationException("crash"));
            Receive<Silent>(_ => { });
            Receive<ResumeWork>(_ => probe.Tell($"{id} working"));
        }

        protected override void PreStart() => Self.Tell(ResumeWork.Instance);

        protected override void PreRestart(Exception reason, object message)
        {
            Context.Parent.Tell(new RobotCrashed(_id, reason));
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            // Waits for the site's ResumeWork after the backoff.
        }
    }
}
