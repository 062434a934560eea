using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Agents;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// The site's robots: one supervised agent each, routing (a named robot, or the least-loaded robot that can do the
/// task type), and what happens when an agent faults: the robot goes Faulted, MES hears of each of its tasks, and its
/// queued tasks move to another robot or fail as the site's policy says, while the other robots carry on.
/// </summary>
internal sealed partial class RobotFleet
{
    private readonly SiteDefinition _site;
    private readonly TaskBoard _board;
    private readonly TaskReporter _reporter;
    private readonly RobotStatePublisher _state;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, SupervisedAgent<RobotMessage>> _agents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _faulted = new(StringComparer.Ordinal);

    public RobotFleet(
        SiteDefinition site,
        TaskBoard board,
        TaskReporter reporter,
        ISkillCatalog skills,
        RobotStatePublisher state,
        DeadLetters deadLetters,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _site = site;
        _board = board;
        _reporter = reporter;
        _state = state;
        _time = time;
        _logger = loggers.CreateLogger<RobotFleet>();
        var supervision = new SupervisionOptions
        {
            MaxRestarts = site.Settings.MaxRestarts,
            Window = site.Settings.RestartWindow,
            Backoff = site.Settings.RestartBackoff,
            MaxBackoff = site.Settings.MaxRestartBackoff,
            MailboxCapacity = Math.Max(1024, site.Settings.MaxOpenTasks + 1024),
        };
        foreach (var robot in site.Robots)
        {
            SupervisedAgent<RobotMessage>? agent = null;
            agent = new SupervisedAgent<RobotMessage>(
                robot.RobotId,
                () => new RobotAgent(robot, board, reporter, skills, state, time, () => agent!),
                supervision,
                time,
                deadLetters,
                loggers.CreateLogger($"EdgeFactory.Runtime.Robots.{robot.RobotId}"));
            agent.Faulted += (faulted, crash) => _ = OnFaultedAsync(robot, crash);
            _agents[robot.RobotId] = agent;
        }
    }

    public IReadOnlyDictionary<string, SupervisedAgent<RobotMessage>> Agents => _agents;

    public bool IsFaulted(string robotId)
    {
        lock (_faulted)
        {
            return _faulted.Contains(robotId);
        }
    }

    /// <summary>Runs every agent until <paramref name="stopping"/> fires.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(_agents.Values.Select(a => a.RunAsync(stopping)));

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

        var fitting = available.Where(r => r.Tasks[taskType].Bind(parameters).Problem is null).ToList();
        return fitting.Count == 0
            ? (null, new TaskError(TaskErrorCodes.InvalidParameter, $"Parameter {available[0].Tasks[taskType].Bind(parameters).Problem}."))
            : (fitting.MinBy(r => _board.LoadOf(r.RobotId)), null);
    }

    /// <summary>Hands an accepted, durable task to its robot's agent.</summary>
    public void Dispatch(TaskTicket ticket) => _agents[ticket.RobotId!].Tell(new RunTask(ticket));

    /// <summary>Passes a cancel to the agent holding the task.</summary>
    public void Cancel(TaskTicket ticket) => _agents[ticket.RobotId!].Tell(new CancelTask(ticket));

    private async Task OnFaultedAsync(RobotDefinition robot, Exception crash)
    {
        lock (_faulted)
        {
            _faulted.Add(robot.RobotId);
        }

        RobotFaulted(_logger, robot.RobotId, crash.Message);
        var fault = new RobotFault("agent_crashed", $"The control agent of {robot.RobotId} crashed repeatedly ({crash.Message}); check the robot and its driver, then restart the edge.", _time.GetUtcNow());
        _state.Publish(robot, RobotMode.Faulted, null, [fault]);
        foreach (var ticket in _board.AssignedTo(robot.RobotId))
        {
            var (target, _) = ticket.WasStarted || ticket.Submit.RobotId is not null || _site.Settings.OnRobotFault == RobotFaultPolicy.Fail
                ? (null, null)
                : Route(ticket.Type.Name, null, ticket.Submit.Parameters);
            if (target is not null)
            {
                _board.Reassign(ticket, target.RobotId);
                await _reporter.ReportAsync(ticket, TaskState.Queued).ConfigureAwait(false);
                Dispatch(ticket);
                Rerouted(_logger, ticket.TaskId, robot.RobotId, target.RobotId);
                continue;
            }

            await _reporter.ReportAsync(ticket, TaskState.Failed, error: new TaskError(
                TaskErrorCodes.RobotFaulted,
                $"Robot {robot.RobotId} faulted{(ticket.WasStarted ? " while running this task" : string.Empty)} and the task could not be moved to another robot."))
                .ConfigureAwait(false);
        }
    }

    [LoggerMessage(5000, LogLevel.Error, "Robot {RobotId} is faulted: {Reason}. Its tasks are re-routed or failed; the other robots carry on")]
    private static partial void RobotFaulted(ILogger logger, string robotId, string reason);

    [LoggerMessage(5001, LogLevel.Information, "Task {TaskId} moved from faulted robot {From} to {To}")]
    private static partial void Rerouted(ILogger logger, string taskId, string from, string to);
}
