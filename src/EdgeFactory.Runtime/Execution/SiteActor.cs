using Akka.Actor;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// The site's robots as child actors, and their supervision: a crash restarts the robot's actor with fresh state, which
/// works again after a capped exponential backoff; more than <c>max_restarts</c> crashes within <c>window</c> stop it,
/// and the site escalates as the fleet says (the robot goes faulted, its tasks move or fail) while the others carry on.
/// </summary>
internal sealed partial class SiteActor : ReceiveActor
{
    private readonly SiteSettings _settings;
    private readonly Action<RobotDefinition, Exception> _faulted;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, RobotDefinition> _robots;
    private readonly Dictionary<string, Func<Props>> _props;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _crashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> _lastCrash = new(StringComparer.Ordinal);
    private bool _stopping;

    public SiteActor(IReadOnlyList<RobotDefinition> robots, Func<RobotDefinition, Props> robotProps, SiteSettings settings, Action<RobotDefinition, Exception> faulted, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _faulted = faulted;
        _time = time;
        _logger = logger;
        _robots = robots.ToDictionary(r => r.RobotId, StringComparer.Ordinal);
        _props = robots.ToDictionary(r => r.RobotId, r => (Func<Props>)(() => robotProps(r)), StringComparer.Ordinal);
        Receive<ToRobot>(m =>
        {
            RobotMetrics.MailboxDepth.Add(1, new KeyValuePair<string, object?>("robot", m.RobotId));
            Context.Child(m.RobotId).Forward(m.Message);
        });
        Receive<RobotCrashed>(OnCrashed);
        Receive<Terminated>(OnTerminated);
        Receive<StopRobots>(_ =>
        {
            // Robots stopping now are not faulted: their flows are abandoned where they stand and recovered at the next start.
            _stopping = true;
            Context.Stop(Self);
        });
    }

    /// <summary>Props of the site actor: every robot's actor is made by <paramref name="robotProps"/>; <paramref name="faulted"/> escalates a robot that crashed too often.</summary>
    public static Props Props(IReadOnlyList<RobotDefinition> robots, Func<RobotDefinition, Props> robotProps, SiteSettings settings, Action<RobotDefinition, Exception> faulted, TimeProvider time, ILogger logger) =>
        Akka.Actor.Props.Create(() => new SiteActor(robots, robotProps, settings, faulted, time, logger));

    protected override void PreStart()
    {
        foreach (var (robotId, props) in _props)
        {
            Context.Watch(Context.ActorOf(props(), robotId));
        }
    }

    // Declared by the parent: restart on any crash, at most max_restarts within the window, then stop (and escalate on Terminated).
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_settings.MaxRestarts, (int)_settings.RestartWindow.TotalMilliseconds, Decider.From(_ => Directive.Restart), loggingEnabled: false);

    private void OnCrashed(RobotCrashed crash)
    {
        var now = _time.GetUtcNow();
        if (!_crashes.TryGetValue(crash.RobotId, out var times))
        {
            _crashes[crash.RobotId] = times = new Queue<DateTimeOffset>();
        }

        times.Enqueue(now);
        while (times.Count > 0 && now - times.Peek() > _settings.RestartWindow)
        {
            times.Dequeue();
        }

        _lastCrash[crash.RobotId] = crash.Reason;
        if (times.Count > _settings.MaxRestarts)
        {
            return; // the strategy stops it; Terminated escalates
        }

        var backoff = TimeSpan.FromTicks(Math.Min(_settings.MaxRestartBackoff.Ticks, _settings.RestartBackoff.Ticks << Math.Min(times.Count - 1, 20)));
        RobotMetrics.Restarts.Add(1, new KeyValuePair<string, object?>("robot", crash.RobotId));
        Restarting(_logger, crash.RobotId, crash.Reason.Message, times.Count, _settings.MaxRestarts, _settings.RestartWindow, backoff);
        Context.System.Scheduler.ScheduleTellOnce(backoff, Context.Child(crash.RobotId), ResumeWork.Instance, Self);
    }

    private void OnTerminated(Terminated terminated)
    {
        var robotId = terminated.ActorRef.Path.Name;
        if (_stopping || !_robots.TryGetValue(robotId, out var robot))
        {
            return;
        }

        var crash = _lastCrash.GetValueOrDefault(robotId) ?? new InvalidOperationException($"The actor of robot {robotId} stopped.");
        Faulted(_logger, robotId, _crashes.GetValueOrDefault(robotId)?.Count ?? 0, _settings.RestartWindow, crash.Message);
        _faulted(robot, crash);
    }

    [LoggerMessage(4000, LogLevel.Warning, "Robot {RobotId} crashed ({Reason}); restart {Restart} of {MaxRestarts} within {Window}, working again in {Backoff}")]
    private static partial void Restarting(ILogger logger, string robotId, string reason, int restart, int maxRestarts, TimeSpan window, TimeSpan backoff);

    [LoggerMessage(4001, LogLevel.Error, "Robot {RobotId} crashed {Restarts} times within {Window} and is faulted: {Reason}. Fix the cause and restart the edge to bring it back")]
    private static partial void Faulted(ILogger logger, string robotId, int restarts, TimeSpan window, string reason);
}
