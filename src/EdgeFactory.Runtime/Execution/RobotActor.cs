using Akka.Actor;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills;
using EdgeFactory.Runtime.StateMachines;
using EdgeFactory.Runtime.TaskTypes;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// One robot: its queue (priority first, then acceptance order) and the one flow it runs at a time, as an Akka actor
/// supervised by <see cref="SiteActor"/>. Every instance, first or after a crash, rebuilds its queue from the task
/// board, which mirrors the journal: a task that was running is resumed at its step or failed, as its task type's
/// recovery policy says. A restarted instance waits for <see cref="ResumeWork"/>, which its parent sends after the
/// backoff. Flows run off the actor and come back as <see cref="FlowEnded"/>; nothing in a receive blocks.
/// </summary>
internal sealed class RobotActor : ReceiveActor
{
    private readonly RobotDefinition _robot;
    private readonly TaskBoard _board;
    private readonly TaskReporter _reporter;
    private readonly ISkillCatalog _skills;
    private readonly RobotStatePublisher _state;
    private readonly TimeProvider _time;
    private readonly FlowTracker _flows;
    private readonly PriorityQueue<TaskTicket, (int Priority, long Order)> _queue = new();
    private readonly CancellationTokenSource _life = new();
    private TaskTicket? _running;
    private TaskTicket? _waiting;
    private object? _run;
    private bool _paused;
    private (RobotMode Mode, string? TaskId)? _published;

    public RobotActor(RobotDefinition robot, TaskBoard board, TaskReporter reporter, ISkillCatalog skills, RobotStatePublisher state, TimeProvider time, FlowTracker flows)
    {
        (_robot, _board, _reporter, _skills, _state, _time, _flows) = (robot, board, reporter, skills, state, time, flows);
        Receive<RunTask>(run =>
        {
            Enqueue(run.Ticket);
            StartNext();
        });
        Receive<CancelTask>(cancel =>
        {
            // Running: the flow takes its cancel path. Queued: cancelled now. Not here yet: the tripped token ends it cancelled when it arrives.
            cancel.Ticket.Cancel.Cancel();
            if (_queue.Remove(cancel.Ticket, out _, out _))
            {
                _ = _reporter.ReportAsync(cancel.Ticket, TaskState.Cancelled);
            }

            StartNext();
        });
        Receive<FlowEnded>(ended => ended.Run != _run, _ => { }); // from a run of an earlier instance
        Receive<FlowEnded>(ended =>
        {
            if (ended.Error is not null)
            {
                // The flow broke outside any skill (a defect or a driver crash): crash this instance for its supervisor.
                throw new InvalidOperationException($"The flow of task {ended.Ticket.TaskId} on robot {_robot.RobotId} broke: {ended.Error.Message}", ended.Error);
            }

            (_running, _run) = (null, null);
            _ = _reporter.ReportAsync(ended.Ticket, ended.Outcome!.State, result: ended.Outcome.State == TaskState.Completed ? ended.Outcome.Results : null, error: ended.Outcome.Error);
            StartNext();
        });
        Receive<AcceptanceSettled>(settled =>
        {
            if (settled.Ticket == _waiting)
            {
                _waiting = null;
                if (settled.Durable)
                {
                    Start(settled.Ticket);
                }
            }

            StartNext();
        });
        Receive<ResumeWork>(_ =>
        {
            _paused = false;
            StartNext();
        });
    }

    /// <summary>Props of one robot's actor.</summary>
    public static Props Props(RobotDefinition robot, TaskBoard board, TaskReporter reporter, ISkillCatalog skills, RobotStatePublisher state, TimeProvider time, FlowTracker flows) =>
        Akka.Actor.Props.Create(() => new RobotActor(robot, board, reporter, skills, state, time, flows));

    protected override void PreStart()
    {
        Rebuild();
        Self.Tell(ResumeWork.Instance);
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // Tell the parent first: it decides the backoff before this robot works again.
        Context.Parent.Tell(new RobotCrashed(_robot.RobotId, reason));
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _paused = true;
        Rebuild();
    }

    protected override void PostStop() => _life.Cancel();

    protected override bool AroundReceive(Receive receive, object message)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (message is Execution.RunTask or CancelTask)
        {
            RobotMetrics.MailboxDepth.Add(-1, new KeyValuePair<string, object?>("robot", _robot.RobotId));
        }

        try
        {
            return base.AroundReceive(receive, message);
        }
        finally
        {
            RobotMetrics.HandlingTime.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("robot", _robot.RobotId));
        }
    }

    private void Rebuild()
    {
        foreach (var ticket in _board.AssignedTo(_robot.RobotId))
        {
            if (ticket.WasStarted && ticket.Type.Recovery == RecoveryPolicy.Fail)
            {
                _ = _reporter.ReportAsync(ticket, TaskState.Failed, error: new TaskError(
                    TaskErrorCodes.InterruptedByRestart,
                    $"Robot {_robot.RobotId} was interrupted in step '{ticket.ResumeStep}' of '{ticket.Type.Name}', whose recovery policy is to fail; check the robot and resubmit."));
                continue;
            }

            Enqueue(ticket);
        }
    }

    private void Enqueue(TaskTicket ticket) => _queue.Enqueue(ticket, (-ticket.Submit.Priority, ticket.AcceptOrder));

    private void StartNext()
    {
        while (!_paused && _running is null && _waiting is null && _queue.TryDequeue(out var ticket, out _))
        {
            if (!ticket.Accepted.IsCompleted)
            {
                // The intake dispatches before the acceptance is durable: wait for it off the actor.
                _waiting = ticket;
                var self = Self;
                _ = ticket.Accepted.ContinueWith(t => self.Tell(new AcceptanceSettled(ticket, t.IsCompletedSuccessfully)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                break;
            }

            if (ticket.Accepted.IsCompletedSuccessfully)
            {
                Start(ticket);
            }
        }

        Publish(_running is null ? RobotMode.Idle : RobotMode.Busy, _running?.TaskId);
    }

    private void Start(TaskTicket ticket)
    {
        try
        {
            _skills.OnTaskStarting(_robot.RobotId, ticket.TaskId);
        }
        catch
        {
            // The driver could not take it: the task stays on the board for the restarted instance.
            Enqueue(ticket);
            throw;
        }

        if (ticket.Cancel.IsCancellationRequested)
        {
            _ = _reporter.ReportAsync(ticket, TaskState.Cancelled);
            return;
        }

        if (!ticket.WasStarted && ticket.Submit.Deadline is { } deadline && _time.GetUtcNow() > deadline)
        {
            _ = _reporter.ReportAsync(ticket, TaskState.Failed, error: new TaskError(
                TaskErrorCodes.DeadlineExpired,
                $"Task {ticket.TaskId} was due to start by {deadline:O} but robot {_robot.RobotId} reached it at {_time.GetUtcNow():O}."));
            return;
        }

        (_running, _run) = (ticket, new object());
        // Started is journaled before the first step, which the flow waits for: no need to wait twice.
        _ = _reporter.ReportAsync(ticket, TaskState.Started);
        _flows.Track(RunFlowAsync(ticket, _run, Self, _life.Token));
    }

    private async Task RunFlowAsync(TaskTicket ticket, object run, IActorRef self, CancellationToken life)
    {
        await Task.Yield();
        FlowOutcome? outcome = null;
        Exception? error = null;
        try
        {
            var context = new FlowContext(_robot.RobotId, ticket.TaskId, ticket.Parameters);
            outcome = await new FlowRun(ticket.Type.Flow, _time).RunAsync(context, _skills, new StepReporter(ticket, _reporter), ticket.ResumeStep, ticket.Cancel.Token, life).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (life.IsCancellationRequested)
        {
            // Abandoned (stop or restart): the journal still shows it running, and the next instance recovers it.
            return;
        }
        catch (Exception e)
        {
            error = e;
        }

        self.Tell(new FlowEnded(ticket, run, outcome, error));
    }

    private void Publish(RobotMode mode, string? taskId)
    {
        if (_published != (mode, taskId))
        {
            _published = (mode, taskId);
            _state.Publish(_robot, mode, taskId);
        }
    }

    private sealed class StepReporter(TaskTicket ticket, TaskReporter reporter) : IFlowObserver
    {
        public async ValueTask OnStateEnteredAsync(string state, int index, CancellationToken cancellationToken) =>
            await reporter.ReportAsync(ticket, TaskState.Step, new TaskStepInfo(state, index, ticket.Type.Flow.MainFlowCount)).ConfigureAwait(false);
    }
}
