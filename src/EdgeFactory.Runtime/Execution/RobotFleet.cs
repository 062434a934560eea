using Akka.Actor;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// The site's robots: one supervised actor each under the site actor, routing (a named robot, or the least-loaded
/// robot that can do the task type), and what happens when a robot faults: the robot goes Faulted, MES hears of each of its tasks, and its
/// queued tasks move to another robot or fail as the site's policy says, while the other robots carry on.
/// </summary>
internal sealed partial class RobotFleet
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly SiteDefinition _site;
    private readonly TaskBoard _board;
    private readonly TaskReporter _reporter;
    private readonly ISkillCatalog _skills;
    private readonly RobotStatePublisher _state;
    private readonly ActorSystem _system;
    private readonly DeadLetterCount _deadLetters;
    private readonly FlowTracker _flows = new();
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly HashSet<string> _faulted = new(StringComparer.Ordinal);
    private IActorRef _siteActor = ActorRefs.Nobody;

    public RobotFleet(
        SiteDefinition site,
        TaskBoard board,
        TaskReporter reporter,
        ISkillCatalog skills,
        RobotStatePublisher state,
        ActorSystem system,
        DeadLetterCount deadLetters,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _site = site;
        _board = board;
        _reporter = reporter;
        _skills = skills;
        _state = state;
        _system = system;
        _deadLetters = deadLetters;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<RobotFleet>();
    }

    /// <summary>Messages no robot's actor handled since start.</summary>
    public long DeadLetters => _deadLetters.Count;

    public bool IsFaulted(string robotId)
    {
        lock (_faulted)
        {
            return _faulted.Contains(robotId);
        }
    }

    /// <summary>
    /// Starts the site actor and its robots, and runs until <paramref name="stopping"/> fires; then stops them (flows are
    /// abandoned where they stand) and waits until every flow has let go. Throws if the site actor dies by itself.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        // Props in one place: the site's, and through it each robot's.
        _system.ActorOf(DeadLetterWatch.Props(_deadLetters, _loggers.CreateLogger<DeadLetterWatch>()), "dead-letters");
        _siteActor = _system.ActorOf(
            SiteActor.Props(
                _site.Robots,
                robot => RobotActor.Props(robot, _board, _reporter, _skills, _state, _time, _flows),
                _site.Settings,
                (robot, crash) => _ = OnFaultedAsync(robot, crash),
                _time,
                _loggers.CreateLogger<SiteActor>()),
            "site");
        var died = _siteActor.WatchAsync(CancellationToken.None);
        var stop = Task.Delay(Timeout.Infinite, stopping);
        if (await Task.WhenAny(died, stop).ConfigureAwait(false) == died)
        {
            throw new InvalidOperationException($"The site actor of {_site.SiteId} stopped by itself.");
        }

        try
        {
            await _siteActor.GracefulStop(StopTimeout, StopRobots.Instance).ConfigureAwait(false);
        }
        catch (TaskCanceledException)
        {
            // Not stopped within the timeout: the flows below are abandoned all the same.
        }

        await _flows.WhenAllEndedAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Picks the robot for a submission, or says why none can take it. Without a named robot, only robots whose
    /// definition of the task type accepts <paramref name="parameters"/> are candidates (a humanoid's bins may not be
    /// a cell's), and the least loaded of them wins.
    /// </summary>
    public (RobotDefinition? Robot, TaskError? Error) Route(string taskType, string? robotId, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? parameters = null)
    {
        if (robotId is not null)
        {
            var named = _site.Robot(robotId);
            if (named is null)
            {
                return (null, new TaskError(TaskErrorCodes.UnknownRobot, $"Robot '{robotId}' is not part of site '{_site.SiteId}'; known robots: {string.Join(", ", _site.Robots.Select(r => r.RobotId).Order(StringComparer.Ordinal))}."));
            }

            if (!named.Can(taskType))
            {
                return (null, new TaskError(TaskErrorCodes.UnsupportedTaskType, $"Robot '{robotId}' ({named.Kind}) cannot do '{taskType}'; it does {string.Join(", ", named.Tasks.Keys)}."));
            }

            return IsFaulted(robotId)
                ? (null, new TaskError(TaskErrorCodes.RobotFaulted, $"Robot '{robotId}' is faulted and takes no tasks until it is repaired; send the task without robotId to let the site choose."))
                : (named, null);
        }

        var capable = _site.Robots.Where(r => r.Can(taskType)).ToList();
        if (capable.Count == 0)
        {
            return (null, new TaskError(TaskErrorCodes.UnsupportedTaskType, $"No robot at site '{_site.SiteId}' can do '{taskType}'."));
        }

        var available = capable.Where(r => !IsFaulted(r.RobotId)).ToList();
        if (available.Count == 0)
        {
            return (null, new TaskError(TaskErrorCodes.RobotFaulted, $"Every robot that can do '{taskType}' is faulted."));
        }

        return LeastLoadedFitting(available, taskType, parameters);
    }

    // Robots of one kind share their task type's definition: the parameters are checked once per definition, not per robot.
    private (RobotDefinition? Robot, TaskError? Error) LeastLoadedFitting(List<RobotDefinition> available, string taskType, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? parameters)
    {
        TaskTypes.TaskTypeDefinition? checkedType = null;
        string? problem = null;
        string? firstProblem = null;
        RobotDefinition? best = null;
        var bestLoad = int.MaxValue;
        foreach (var robot in available)
        {
            var type = robot.Tasks[taskType];
            if (!ReferenceEquals(type, checkedType))
            {
                (checkedType, problem) = (type, type.Bind(parameters).Problem);
                firstProblem ??= problem;
            }

            if (problem is null && _board.LoadOf(robot.RobotId) is var load && load < bestLoad)
            {
                (best, bestLoad) = (robot, load);
            }
        }

        return best is null
            ? (null, new TaskError(TaskErrorCodes.InvalidParameter, $"Parameter {firstProblem}."))
            : (best, null);
    }

    /// <summary>Hands an accepted task, and with it the ownership of its progress, to its robot's actor (tell: the robot waits for the acceptance to be durable).</summary>
    public void Dispatch(OpenTask task) => _siteActor.Tell(new ToRobot(task.Ticket.RobotId!, new RunTask(task)));

    /// <summary>Passes a cancel to the actor of the robot holding the task; the task's token trips at once.</summary>
    public void Cancel(TaskTicket ticket)
    {
        ticket.Cancel.Cancel();
        _siteActor.Tell(new ToRobot(ticket.RobotId!, new CancelTask(ticket.TaskId)));
    }

    private async Task OnFaultedAsync(RobotDefinition robot, Exception crash)
    {
        lock (_faulted)
        {
            _faulted.Add(robot.RobotId);
        }

        RobotFaulted(_logger, robot.RobotId, crash.Message);
        var fault = new RobotFault("agent_crashed", $"The control agent of {robot.RobotId} crashed repeatedly ({crash.Message}); check the robot and its driver, then restart the edge.", _time.GetUtcNow());
        _state.Publish(robot, RobotMode.Faulted, null, [fault]);
        // The robot's actor is gone: its tasks' last progress is on the board, and this handler owns them until it hands them on.
        foreach (var task in _board.AssignedTo(robot.RobotId))
        {
            var ticket = task.Ticket;
            var (target, _) = task.Progress.WasStarted || ticket.Submit.RobotId is not null || _site.Settings.OnRobotFault == RobotFaultPolicy.Fail
                ? (null, null)
                : Route(ticket.Type.Name, null, ticket.Submit.Parameters);
            if (target is not null)
            {
                var (moved, durable) = _reporter.Report(task with { Ticket = ticket.AssignedTo(target.RobotId) }, TaskState.Queued);
                await durable.ConfigureAwait(false);
                Dispatch(moved);
                Rerouted(_logger, ticket.TaskId, robot.RobotId, target.RobotId);
                continue;
            }

            await _reporter.Report(task, TaskState.Failed, error: new TaskError(
                TaskErrorCodes.RobotFaulted,
                $"Robot {robot.RobotId} faulted{(task.Progress.WasStarted ? " while running this task" : string.Empty)} and the task could not be moved to another robot."))
                .Durable.ConfigureAwait(false);
        }
    }

    [LoggerMessage(5000, LogLevel.Error, "Robot {RobotId} is faulted: {Reason}. Its tasks are re-routed or failed; the other robots carry on")]
    private static partial void RobotFaulted(ILogger logger, string robotId, string reason);

    [LoggerMessage(5001, LogLevel.Information, "Task {TaskId} moved from faulted robot {From} to {To}")]
    private static partial void Rerouted(ILogger logger, string taskId, string from, string to);
}
