using Akka.Actor;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Runtime.Tests.Execution;

/// <summary>A robot's actor owns the progress of the tasks it holds: every status after the hand-over is made there, once, in order.</summary>
public sealed class RobotActorTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-robot-").FullName;
    private readonly SiteDefinition _site;
    private readonly TaskJournal _journal;
    private readonly TaskBoard _board = new();
    private readonly TaskReporter _reporter;
    private readonly MqttClient _unconnected = new(new MqttClientOptions { Host = "127.0.0.1", Port = 1, ClientId = "robot-actor-tests" });

    public RobotActorTests()
    {
        _site = SiteFile.Parse(
            $"site: s1\ndevice: d1\nkinds: {RepositoryPaths.Of("robots", "kinds")}\nrobots:\n  - id: c1\n    kind: conveyor\n    simulation: {{ step_time: 0 }}\n",
            Path.Combine(_folder, "site.yaml"));
        _journal = TaskJournal.Open(Path.Combine(_folder, "journal.db"), NullLogger.Instance, committed: new OutboxQueue());
        _reporter = new TaskReporter(_site, _journal, new OutboxQueue(), _board, new SiteCounters(), TimeProvider.System, NullLogger<TaskReporter>.Instance);
    }

    [Fact]
    public void RunTask_HandedOverTwice_RunsOnceWithOneStatusPerSequence()
    {
        var robot = StartRobot();
        var task = _reporter.Accept(Ticket("t1"));

        robot.Tell(new RunTask(task));
        robot.Tell(new RunTask(task));

        AwaitAssert(() => Assert.Equal(TaskState.Completed, _journal.Find("t1")?.State), TimeSpan.FromSeconds(10));
        robot.Tell(new RunTask(task));
        AwaitAssert(() => Assert.Equal(5, _journal.EventCount("t1")), TimeSpan.FromSeconds(5));
        Assert.Equal(5, _journal.Find("t1")!.Sequence);
        Assert.Null(_board.Find("t1"));
    }

    [Fact]
    public void CancelTask_Queued_CancelledByTheRobotWithTheNextSequence()
    {
        var robot = StartRobot();
        var blocker = _reporter.Accept(Ticket("t0"));
        var task = _reporter.Accept(Ticket("t1"));
        task.Ticket.Cancel.Cancel();

        robot.Tell(new RunTask(blocker));
        robot.Tell(new RunTask(task));
        robot.Tell(new CancelTask("t1"));

        AwaitAssert(() => Assert.Equal(TaskState.Cancelled, _journal.Find("t1")?.State), TimeSpan.FromSeconds(10));
        Assert.Equal(3, _journal.Find("t1")!.Sequence);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _journal.Dispose();
        _unconnected.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    private IActorRef StartRobot()
    {
        var definition = _site.Robots[0];
        var skills = new SimulatedSkillCatalog(new Dictionary<string, SimulationOptions> { [definition.RobotId] = definition.Simulation }, TimeProvider.System);
        var state = new RobotStatePublisher(_site, _unconnected, TimeProvider.System, NullLogger<RobotStatePublisher>.Instance);
        return Sys.ActorOf(RobotActor.Props(definition, _board, _reporter, skills, state, TimeProvider.System, new FlowTracker()));
    }

    private TaskTicket Ticket(string taskId)
    {
        var type = _site.Robots[0].Tasks["index"];
        var (parameters, _) = type.Bind(null);
        return new TaskTicket(new TaskSubmitMessage(taskId, "index"), type, parameters, [1], [2], _journal.NextAcceptOrder(), null, null, "c1");
    }
}
