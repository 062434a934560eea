using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Agents;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills;
using EdgeFactory.Runtime.StateMachines;
using EdgeFactory.Runtime.TaskTypes;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// One robot's agent: its queue (priority first, then acceptance order) and the one flow it runs at a time. On every
/// start, first or after a crash, it rebuilds its queue from the task board, which mirrors the journal: a task that
/// was running is resumed at its step or failed, as its task type's recovery policy says.
/// </summary>
internal sealed class RobotAgent(
    RobotDefinition robot,
    TaskBoard board,
    TaskReporter reporter,
    ISkillCatalog skills,
    RobotStatePublisher state,
    TimeProvider time,
    Func<SupervisedAgent<RobotMessage>> self) : IAgent<RobotMessage>
{
    private readonly PriorityQueue<TaskTicket, (int Priority, long Order)> _queue = new();
    private CancellationToken _life;
    private TaskTicket? _running;
    private object? _run;
    private Task _flow = Task.CompletedTask;
    private (RobotMode Mode, string? TaskId)? _published;

    public async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        _life = cancellationToken;
        foreach (var ticket in board.AssignedTo(robot.RobotId))
        {
            if (ticket.WasStarted && ticket.Type.Recovery == RecoveryPolicy.Fail)
            {
                _ = reporter.ReportAsync(ticket, TaskState.Failed, error: new TaskError(
                    TaskErrorCodes.InterruptedByRestart,
                    $"Robot {robot.RobotId} was interrupted in step '{ticket.ResumeStep}' of '{ticket.Type.Name}', whose recovery policy is to fail; check the robot and resubmit."));
                continue;
            }

            Enqueue(ticket);
        }

        await StartNextAsync().ConfigureAwait(false);
    }

    public async ValueTask HandleAsync(RobotMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case RunTask run:
                Enqueue(run.Ticket);
                break;
            case CancelTask cancel:
                // Running: the flow takes its cancel path. Queued: cancelled now. Not here yet (the cancel overtook the
                // task's dispatch): the tripped token makes it end cancelled the moment it arrives.
                await cancel.Ticket.Cancel.CancelAsync().ConfigureAwait(false);
                if (_queue.Remove(cancel.Ticket, out _, out _))
                {
                    _ = reporter.ReportAsync(cancel.Ticket, TaskState.Cancelled);
                }

                break;
            case FlowEnded ended when ended.Run != _run:
                break; // from a run that ended before this instance started
            case FlowEnded ended when ended.Error is not null:
                // The flow broke outside any skill (a bug or a driver crash): crash this instance so the supervisor restarts it.
                throw new InvalidOperationException($"The flow of task {ended.Ticket.TaskId} on robot {robot.RobotId} broke: {ended.Error.Message}", ended.Error);
            case FlowEnded ended:
                (_running, _run) = (null, null);
                _ = reporter.ReportAsync(ended.Ticket, ended.Outcome!.State, result: ended.Outcome.State == TaskState.Completed ? ended.Outcome.Results : null, error: ended.Outcome.Error);
                break;
            default:
                break;
        }

        await StartNextAsync().ConfigureAwait(false);
    }

    public async ValueTask StopAsync()
    {
        try
        {
            await _flow.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Abandoned on stop: the journal still shows it running, and the next start recovers it.
        }
    }

    private void Enqueue(TaskTicket ticket) => _queue.Enqueue(ticket, (-ticket.Submit.Priority, ticket.AcceptOrder));

    private async Task StartNextAsync()
    {
        while (_running is null && _queue.TryDequeue(out var ticket, out _))
        {
            if (!await IsAcceptedAsync(ticket).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                skills.OnTaskStarting(robot.RobotId, ticket.TaskId);
            }
            catch
            {
                // The driver could not take it: the task stays on the board for the restarted agent.
                Enqueue(ticket);
                throw;
            }

            if (ticket.Cancel.IsCancellationRequested)
            {
                _ = reporter.ReportAsync(ticket, TaskState.Cancelled);
                continue;
            }

            if (!ticket.WasStarted && ticket.Submit.Deadline is { } deadline && time.GetUtcNow() > deadline)
            {
                _ = reporter.ReportAsync(ticket, TaskState.Failed, error: new TaskError(
                    TaskErrorCodes.DeadlineExpired,
                    $"Task {ticket.TaskId} was due to start by {deadline:O} but robot {robot.RobotId} reached it at {time.GetUtcNow():O}."));
                continue;
            }

            (_running, _run) = (ticket, new object());
            // Started is journaled before the first step, which the flow waits for: no need to wait twice.
            _ = reporter.ReportAsync(ticket, TaskState.Started);
            _flow = RunFlowAsync(ticket, _run);
        }

        Publish(_running is null ? RobotMode.Idle : RobotMode.Busy, _running?.TaskId);
    }

    // The intake dispatches before the acceptance is durable; a task whose journaling failed was rejected instead.
    private static async Task<bool> IsAcceptedAsync(TaskTicket ticket)
    {
        try
        {
            await ticket.Accepted.ConfigureAwait(false);
            return true;
        }
        catch (Journal.JournalException)
        {
            return false;
        }
    }

    private void Publish(RobotMode mode, string? taskId)
    {
        if (_published != (mode, taskId))
        {
            _published = (mode, taskId);
            state.Publish(robot, mode, taskId);
        }
    }

    private async Task RunFlowAsync(TaskTicket ticket, object run)
    {
        await Task.Yield();
        FlowOutcome? outcome = null;
        Exception? error = null;
        try
        {
            var context = new FlowContext(robot.RobotId, ticket.TaskId, ticket.Parameters);
            outcome = await new FlowRun(ticket.Type.Flow, time).RunAsync(context, skills, new StepReporter(ticket, reporter), ticket.ResumeStep, ticket.Cancel.Token, _life).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_life.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            error = e;
        }

        self().Tell(new FlowEnded(ticket, run, outcome, error));
    }

    private sealed class StepReporter(TaskTicket ticket, TaskReporter reporter) : IFlowObserver
    {
        public async ValueTask OnStateEnteredAsync(string state, int index, CancellationToken cancellationToken) =>
            await reporter.ReportAsync(ticket, TaskState.Step, new TaskStepInfo(state, index, ticket.Type.Flow.MainFlowCount)).ConfigureAwait(false);
    }
}
