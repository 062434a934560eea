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
/// supervised by <see cref="SiteActor"/>. It owns the progress of every task it holds: tasks arrive with theirs in
/// <see cref="RunTask"/>, and every status of them from then on (started, each step, the final one) is made here, so
/// a task's statuses are made by one owner in order. Every instance, first or after a crash, rebuilds its queue from
/// the task board, which holds what the last owner reported: a task that was running is resumed at its step or
/// failed, as its task type's recovery policy says. A restarted instance waits for <see cref="ResumeWork"/>, which
/// its parent sends after the backoff. Flows run off the actor and talk back by message (<see cref="StepEntered"/>,
/// <see cref="FlowEnded"/>); nothing in a receive blocks.
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

    // Built once per task type this robot runs, not per task; one run at a time borrows each.
    private readonly FlowMachines _machines = new();
    private readonly PriorityQueue<OpenTask, (int Priority, long Order)> _queue = new();
    private readonly CancellationTokenSource _life = new();
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private OpenTask? _running;
    private OpenTask? _waiting;
    private object? _run;
    private bool _paused;
    private (RobotMode Mode, string? TaskId)? _published;

    public RobotActor(RobotDefinition robot, TaskBoard board, TaskReporter reporter, ISkillCatalog skills, RobotStatePublisher state, TimeProvider time, FlowTracker flows)
    {
        (_robot, _board, _reporter, _skills, _state, _time, _flows) = (robot, board, reporter, skills, state, time, flows);
        Receive<RunTask>(run =>
        {
            // A hand-over this instance already took from the board (it was in the mailbox across a restart), or one
            // for a task that has since ended or moved, is not taken twice.
            if (!_held.Contains(run.Task.TaskId) && _board.Find(run.Task.TaskId)?.Ticket.RobotId == _robot.RobotId)
            {
                Enqueue(run.Task);
            }

            StartNext();
        });
        Receive<CancelTask>(cancel =>
        {
            // Running: the flow takes its cancel path. Queued: cancelled now. Not here yet: the tripped token ends it cancelled when it arrives.
            if (Dequeue(cancel.TaskId) is { } queued)
            {
                Report(queued, TaskState.Cancelled);
            }

            StartNext();
        });
        Receive<StepEntered>(step => step.Run != _run, step => step.Reported.TrySetCanceled()); // from a run of an earlier instance
        Receive<StepEntered>(step =>
        {
            var (task, durable) = _reporter.Report(_running!, TaskState.Step, new TaskStepInfo(step.State, step.Index, _running!.Ticket.Type.Flow.MainFlowCount));
            _running = task;

            // The flow waits on the commit itself: when it lands, the flow goes on with one hop, not two.
            step.Reported.TrySetResult(durable);
        });
        Receive<FlowEnded>(ended => ended.Run != _run, _ => { }); // from a run of an earlier instance
        Receive<FlowEnded>(ended =>
        {
            if (ended.Error is not null)
            {
                // The flow broke outside any skill (a defect or a driver crash): crash this instance for its supervisor.
                throw new InvalidOperationException($"The flow of task {_running!.TaskId} on robot {_robot.RobotId} broke: {ended.Error.Message}", ended.Error);
            }

            var running = _running!;
            (_running, _run) = (null, null);
            Report(running, ended.Outcome!.State, result: ended.Outcome.State == TaskState.Completed ? ended.Outcome.Results : null, error: ended.Outcome.Error);
            StartNext();
        });
        Receive<AcceptanceSettled>(settled =>
        {
            if (_waiting is { } waiting && settled.TaskId == waiting.TaskId)
            {
                _waiting = null;
                if (settled.Durable)
                {
                    Start(waiting);
                }
                else
                {
                    // Never accepted: the intake answers it; this robot lets it go.
                    _held.Remove(waiting.TaskId);
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
        // The board holds what the last owner of each task reported: this robot's previous instance, or whoever handed them over.
        foreach (var task in _board.AssignedTo(_robot.RobotId))
        {
            if (task.Progress.WasStarted && task.Ticket.Type.Recovery == RecoveryPolicy.Fail)
            {
                Report(task, TaskState.Failed, error: new TaskError(
                    TaskErrorCodes.InterruptedByRestart,
                    $"Robot {_robot.RobotId} was interrupted in step '{task.Progress.ResumeStep}' of '{task.Ticket.Type.Name}', whose recovery policy is to fail; check the robot and resubmit."));
                continue;
            }

            Enqueue(task);
        }
    }

    private void Enqueue(OpenTask task)
    {
        _held.Add(task.TaskId);
        _queue.Enqueue(task, (-task.Ticket.Submit.Priority, task.Ticket.AcceptOrder));
    }

    // A status of a task this actor holds; a final one lets it go.
    private void Report(OpenTask task, TaskState state, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? result = null, TaskError? error = null)
    {
        _ = _reporter.Report(task, state, result: result, error: error);
        if (state.IsFinal())
        {
            _held.Remove(task.TaskId);
        }
    }

    private OpenTask? Dequeue(string taskId)
    {
        foreach (var (task, _) in _queue.UnorderedItems)
        {
            if (task.TaskId == taskId)
            {
                _queue.Remove(task, out var removed, out _);
                return removed;
            }
        }

        return null;
    }

    private void StartNext()
    {
        while (!_paused && _running is null && _waiting is null && _queue.TryDequeue(out var task, out _))
        {
            if (!task.Ticket.Accepted.IsCompleted)
            {
                // The intake dispatches before the acceptance is durable: wait for it off the actor.
                _waiting = task;
                var self = Self;
                _ = task.Ticket.Accepted.ContinueWith(t => self.Tell(new AcceptanceSettled(task.TaskId, t.IsCompletedSuccessfully)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                break;
            }

            if (task.Ticket.Accepted.IsCompletedSuccessfully)
            {
                Start(task);
            }
        }

        Publish(_running is null ? RobotMode.Idle : RobotMode.Busy, _running?.TaskId);
    }

    private void Start(OpenTask task)
    {
        var ticket = task.Ticket;
        try
        {
            _skills.OnTaskStarting(_robot.RobotId, ticket.TaskId);
        }
        catch
        {
            // The driver could not take it: the task stays on the board for the restarted instance.
            Enqueue(task);
            throw;
        }

        if (ticket.Cancel.IsCancellationRequested)
        {
            Report(task, TaskState.Cancelled);
            return;
        }

        if (!task.Progress.WasStarted && ticket.Submit.Deadline is { } deadline && _time.GetUtcNow() > deadline)
        {
            Report(task, TaskState.Failed, error: new TaskError(
                TaskErrorCodes.DeadlineExpired,
                $"Task {ticket.TaskId} was due to start by {deadline:O} but robot {_robot.RobotId} reached it at {_time.GetUtcNow():O}."));
            return;
        }

        // Started is journaled before the first step, which the flow waits for: no need to wait twice.
        var resumeAt = task.Progress.ResumeStep;
        (_running, _run) = (_reporter.Report(task, TaskState.Started).Task, new object());
        _flows.Track(RunFlowAsync(ticket, resumeAt, _run, Self, _life.Token));
    }

    // Runs inside the receive only until its first step is told to this actor (a flow enters a step before any skill
    // runs, and then waits for this actor's answer), so nothing blocks the receive and the step needs no extra hop.
    private async Task RunFlowAsync(TaskTicket ticket, string? resumeAt, object run, IActorRef self, CancellationToken life)
    {
        FlowOutcome? outcome = null;
        Exception? error = null;
        try
        {
            var context = new FlowContext(_robot.RobotId, ticket.TaskId, ticket.Parameters);
            outcome = await new FlowRun(ticket.Type.Flow, _time, _machines).RunAsync(context, _skills, new StepReporter(run, self), resumeAt, ticket.Cancel.Token, life).ConfigureAwait(false);
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

        self.Tell(new FlowEnded(run, outcome, error));
    }

    private void Publish(RobotMode mode, string? taskId)
    {
        if (_published != (mode, taskId))
        {
            _published = (mode, taskId);
            _state.Publish(_robot, mode, taskId);
        }
    }

    // Steps are reported by the actor, the task's owner; the flow waits until the step is durable (or the run is abandoned).
    private sealed class StepReporter(object run, IActorRef self) : IFlowObserver
    {
        public async ValueTask OnStateEnteredAsync(string state, int index, CancellationToken cancellationToken)
        {
            // Answered inside the actor's receive: the flow goes on off the actor, never inside it.
            var reported = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
            self.Tell(new StepEntered(run, state, index, reported));
            var durable = await reported.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            await durable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
