using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// The one place task statuses are made: each gets the task's next sequence number, is journaled, and only once
/// durable goes to the outbox. It keeps no task state: the caller, the task's owner, passes the task as it stands and
/// keeps the one it gets back, and the board gets the same snapshot. Rejections of submissions that were never accepted are not journaled and carry
/// sequence 0, so they never change what an MES knows about an accepted task with the same id.
/// </summary>
internal sealed partial class TaskReporter(SiteDefinition site, TaskJournal journal, OutboxQueue outbox, TaskBoard board, SiteCounters counters, TimeProvider time, ILogger<TaskReporter> logger, TelemetryAggregator? telemetry = null)
{
    /// <summary>
    /// Journals a new task with its <c>accepted</c> and <c>queued</c> statuses and puts it on the board; the task
    /// returned carries, as <see cref="TaskTicket.Accepted"/>, the completion of both writes (they go out right after).
    /// </summary>
    public OpenTask Accept(TaskTicket ticket)
    {
        var at = time.GetUtcNow();
        var acceptedAt = time.GetTimestamp();
        var accepted = Status(ticket, 1, TaskState.Accepted, at, null, null, null);
        var row = new JournaledTask(ticket.TaskId, ticket.AcceptOrder, ticket.ContentHash, ticket.SubmitJson, ticket.RobotId, TaskState.Accepted, null, accepted.Sequence, ticket.ResponseTopic, ticket.Correlation, at.ToUnixTimeMilliseconds(), accepted.Payload);
        var first = journal.AppendAsync(new TaskAcceptedEntry(row, accepted, Item(ticket, accepted)));
        var queued = Status(ticket, 2, TaskState.Queued, at, null, null, null);
        var second = journal.AppendAsync(new TaskStatusEntry(ticket.TaskId, queued, Item(ticket, queued)));
        var open = new OpenTask(ticket.AcceptedWhen(BothDurableAsync(first, second, ticket.RobotId, acceptedAt), acceptedAt), new TaskProgress(TaskState.Queued, queued.Sequence, null, queued.Payload));
        board.TryAdd(open);
        return open;
    }

    /// <summary>
    /// Reports a state change of an accepted task for its owner, who keeps the task returned. The status is published
    /// once durable, in order with the task's other statuses; <see cref="Reported.Durable"/> completes at that commit,
    /// for callers that must not act before it (a step is durable before the robot moves). An illegal transition is
    /// logged and not reported: the task comes back unchanged.
    /// </summary>
    public Reported Report(OpenTask task, TaskState state, TaskStepInfo? step = null, IReadOnlyDictionary<string, JsonElement>? result = null, TaskError? error = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var progress = task.Progress;
        if (!TaskLifecycle.Allows(progress.State, state))
        {
            // A defect: the MES must never see a task go backwards or end twice.
            IllegalTransition(logger, task.TaskId, progress.State, state);
            return new Reported(task, Task.CompletedTask);
        }

        var status = Status(task.Ticket, progress.Sequence + 1, state, time.GetUtcNow(), step, result, error);
        var durable = journal.AppendAsync(new TaskStatusEntry(task.TaskId, status, Item(task.Ticket, status)));
        var next = new OpenTask(task.Ticket, new TaskProgress(state, status.Sequence, step?.Name ?? progress.ResumeStep, status.Payload));
        board.Update(next);
        if (state.IsFinal())
        {
            counters.CountFinished(JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString()));
            if (task.Ticket.RobotId is { } robot && state is TaskState.Completed or TaskState.Failed)
            {
                telemetry?.Finished(robot, state == TaskState.Completed, task.Ticket.AcceptedAt);
            }
        }
        else if (state == TaskState.Started && task.Ticket.RobotId is { } robot)
        {
            telemetry?.Started(robot);
        }

        return new Reported(next, durable);
    }

    /// <summary>Answers a repeated submission or cancel with the task's latest status, after the next commit so it never overtakes one in flight.</summary>
    public void Repeat(string taskId, byte[] lastStatus, string? responseTopic, byte[]? correlation) =>
        journal.AppendAsync(new PublishAfterCommitEntry(new OutboxItem(0, Topics.TaskStatus(site.SiteId, taskId), lastStatus, responseTopic, correlation)));

    /// <summary>Rejects a submission or cancel; <paramref name="taskId"/> null when none could be read.</summary>
    public void Reject(string? taskId, TaskError error, string? responseTopic, byte[]? correlation)
    {
        counters.CountRejected(error.Code);
        var message = new TaskStatusMessage(taskId ?? UnidentifiedTask, TaskState.Rejected, 0, time.GetUtcNow(), Error: error);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, ContractsJsonContext.Default.TaskStatusMessage);
        var topic = taskId is null ? Topics.TaskRejections(site.SiteId) : Topics.TaskStatus(site.SiteId, taskId);
        if (!outbox.TryWrite(new OutboxItem(0, topic, payload, responseTopic, correlation)))
        {
            OutboxLog.Closed(logger, topic);
        }
    }

    /// <summary>Task id carried by rejections of submissions whose own id could not be read.</summary>
    public const string UnidentifiedTask = "unidentified";

    private async Task BothDurableAsync(Task first, Task second, string? robotId, long acceptedAt)
    {
        await first.ConfigureAwait(false);
        counters.CountAccepted();
        if (robotId is not null)
        {
            telemetry?.Accepted(robotId, acceptedAt);
        }

        await second.ConfigureAwait(false);
    }

    private JournalStatus Status(TaskTicket ticket, long sequence, TaskState state, DateTimeOffset at, TaskStepInfo? step, IReadOnlyDictionary<string, JsonElement>? result, TaskError? error)
    {
        var message = new TaskStatusMessage(ticket.TaskId, state, sequence, at, ticket.RobotId, step, result, error);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, ContractsJsonContext.Default.TaskStatusMessage);
        return new JournalStatus(sequence, state, ticket.RobotId, step?.Name, at.ToUnixTimeMilliseconds(), payload);
    }

    // Its event id is given by the journal writer when the entry commits.
    private OutboxItem Item(TaskTicket ticket, JournalStatus status) =>
        new(0, Topics.TaskStatus(site.SiteId, ticket.TaskId), status.Payload, ticket.ResponseTopic, ticket.Correlation);

    [LoggerMessage(3100, LogLevel.Error, "Task {TaskId} is {From} and cannot become {To}; the status was not reported")]
    private static partial void IllegalTransition(ILogger logger, string taskId, TaskState from, TaskState to);
}
