using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Skills.Link;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Takes MES submissions and cancels off the site broker. A submission is checked (size, JSON, schema, idempotency,
/// routing, parameters, capacity) and either rejected at once with a stable code, or journaled and then acknowledged
/// (<c>accepted</c>, <c>queued</c>) and handed to its robot. The checks of the bytes (size, UTF-8, JSON, schema) run
/// on several lanes ahead of the one loop that accepts, in arrival order; journaling runs behind it, so the journal
/// commits a burst of submissions together instead of one fsync each. No message can stop the loop: whatever handling
/// one throws is answered, counted and logged, and the next message is handled.
/// </summary>
internal sealed class TaskIntake(
    SiteDefinition site,
    MqttClient client,
    TaskBoard board,
    TaskJournal journal,
    TaskReporter reporter,
    RobotFleet fleet,
    ReplyTopicPolicy replies,
    SiteCounters counters,
    SiteEmergencyStop emergencyStop,
    ILogger<TaskIntake> logger)
{
    // Lanes of payload checks ahead of the loop: one per core (at least two, so checking overlaps accepting even on one
    // core), each holding up to LaneCapacity messages checked or waiting.
    private static readonly int Lanes = Math.Clamp(Environment.ProcessorCount, 2, 8);
    private const int LaneCapacity = 64;
    private readonly string _submitTopic = Topics.TaskSubmit(site.SiteId);

    /// <summary>Subscribes to the site's submit and cancel topics.</summary>
    public async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        await client.SubscribeAsync(_submitTopic, MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(Topics.AnyTaskCancel(site.SiteId), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        IntakeLog.Listening(logger, site.SiteId, _submitTopic, Topics.AnyTaskCancel(site.SiteId));
    }

    /// <summary>
    /// Handles messages until <paramref name="stopping"/> fires. The checks of a payload's bytes (<see cref="PayloadChecks"/>)
    /// run on <see cref="CheckLanes{TItem, TResult}"/> lanes ahead of the loop that accepts, which takes their verdicts in arrival order.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await new CheckLanes<MqttMessage, CheckedMessage>(Lanes, LaneCapacity, Check, HandleSafely).RunAsync(client.Messages, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: what was received but not handled was never acknowledged to the MES, which resubmits.
        }
    }

    // Pure: depends on the topic and the bytes only, so it runs on any lane, ahead of the loop.
    private CheckedMessage Check(MqttMessage message)
    {
        try
        {
            if (message.Topic == _submitTopic)
            {
                var verdict = PayloadChecks.Submit(message.Payload, site.Settings.MaxPayloadBytes);
                return new(message, IntakeRoute.Submit, null, verdict, verdict.Message is TaskSubmitMessage submit ? PresumedHash(submit) : null);
            }

            return Topics.TryParse(message.Topic, out var address) && address.Kind == TopicKind.TaskCancel && address.Site == site.SiteId
                ? new(message, IntakeRoute.Cancel, address.Id, PayloadChecks.Cancel(message.Payload))
                : new(message, IntakeRoute.Other, null, default);
        }
        catch (Exception e)
        {
            // Answered by the loop, in its turn, like any other failure of one message.
            return new(message, IntakeRoute.Other, null, PayloadVerdict.Threw(e));
        }
    }

    // The content hash made with the task type of the robot the submission names, or of the first that can do it: robots
    // of one kind share their types, so routing rarely picks a robot whose type differs (then the loop makes it again).
    private ContentHash? PresumedHash(TaskSubmitMessage submit)
    {
        var robot = submit.RobotId is { } id ? site.Robot(id) : site.Robots.FirstOrDefault(r => r.Can(submit.TaskType));
        return robot is not null && robot.Tasks.TryGetValue(submit.TaskType, out var type) ? new ContentHash(type, SubmissionHash.Of(submit, type)) : null;
    }

    private void HandleSafely(CheckedMessage message)
    {
        using (message.Message)
        {
            try
            {
                Handle(message);
            }
            catch (Exception e)
            {
                // A defect met by one message must cost that message only, never the intake (and with it every later task).
                Failed(message.Message, e);
            }
        }
    }

    private void Failed(MqttMessage message, Exception error)
    {
        IntakeLog.HandlerFailed(logger, message.Topic, message.Payload.Length, PayloadExcerpt.Hex(message.Payload.Span), error.Message, error);
        try
        {
            var taskId = ReadableTaskId(message);
            if (taskId is not null && board.Find(taskId) is not null)
            {
                // Accepted before it failed: its own statuses speak for it.
                return;
            }

            var (responseTopic, correlation) = ReplyTo(message);
            Reject(taskId, TaskErrorCodes.InternalError, $"The site failed while handling this message ({error.Message}); nothing was accepted. Resubmit it; if this repeats, report it with the site's log.", responseTopic, correlation);
        }
        catch (Exception e)
        {
            IntakeLog.NotAnswered(logger, message.Topic, e.Message, e);
        }
    }

    // The task id for an answer, read defensively from the cancel topic or the payload; null when none can be.
    private static string? ReadableTaskId(MqttMessage message) =>
        Topics.TryParse(message.Topic, out var address) && address.Kind == TopicKind.TaskCancel ? address.Id : RawTaskId.Find(message.Payload.Span);

    private void Handle(CheckedMessage message)
    {
        if (message.Verdict.Failure is { } failure)
        {
            Failed(message.Message, failure);
            return;
        }

        switch (message.Route)
        {
            case IntakeRoute.Submit:
                Submit(message.Message, message.Verdict, message.Hash);
                break;
            case IntakeRoute.Cancel:
                Cancel(message.CancelId!, message.Message, message.Verdict);
                break;
            default:
                IntakeLog.Ignored(logger, message.Message.Topic);
                break;
        }
    }

    private void Submit(MqttMessage message, PayloadVerdict verdict, ContentHash? presumed)
    {
        var (responseTopic, correlation) = ReplyTo(message);
        if (Refused(message, verdict, responseTopic, correlation) is not TaskSubmitMessage submit)
        {
            return;
        }

        if (board.Find(submit.TaskId) is { } open)
        {
            var sameContent = SubmissionHash.Matches(open.Ticket.ContentHash, submit, open.Ticket.Type);
            if (sameContent && !open.Ticket.Accepted.IsCompletedSuccessfully)
            {
                // The first submission's acceptance is not durable yet: answer this one once it is, with what it became.
                RepeatWhenAccepted(open.Ticket, responseTopic, correlation);
                return;
            }

            Repeat(submit.TaskId, sameContent, open.Progress.LastStatus, responseTopic, correlation);
            return;
        }

        if (journal.Find(submit.TaskId) is { } known)
        {
            // Defaults come from the task type of the robot that took it, as they did when it was accepted.
            var knownType = site.Robots.FirstOrDefault(r => r.RobotId == known.RobotId)?.Tasks.GetValueOrDefault(submit.TaskType);
            Repeat(submit.TaskId, SubmissionHash.Matches(known.ContentHash, submit, knownType), known.LastStatus, responseTopic, correlation);
            return;
        }

        var (robot, routing) = fleet.Route(submit.TaskType, submit.RobotId, submit.Parameters);
        if (routing is not null)
        {
            Reject(submit.TaskId, routing.Code, routing.Message, responseTopic, correlation);
            return;
        }

        var type = robot!.Tasks[submit.TaskType];
        var (parameters, problem) = type.Bind(submit.Parameters);
        if (problem is not null)
        {
            Reject(submit.TaskId, TaskErrorCodes.InvalidParameter, $"Parameter {problem}.", responseTopic, correlation);
            return;
        }

        var hash = presumed?.For(submit, type) ?? SubmissionHash.Of(submit, type);
        if (board.OpenCount >= site.Settings.MaxOpenTasks)
        {
            Reject(submit.TaskId, TaskErrorCodes.Overloaded, $"Site '{site.SiteId}' already holds {board.OpenCount:N0} open tasks (limit {site.Settings.MaxOpenTasks:N0}); resubmit later with the same id.", responseTopic, correlation);
            return;
        }

        if (emergencyStop.IsLatched)
        {
            Reject(submit.TaskId, TaskErrorCodes.EmergencyStop, $"Site '{site.SiteId}' is in emergency stop: nothing moves until a person resets the e-stop on the line. Resubmit with the same id once the site is online again.", responseTopic, correlation);
            return;
        }

        // Dispatched now, in acceptance order, with the ownership of its progress; the robot waits for the acceptance to be durable before starting it.
        var accepted = reporter.Accept(new TaskTicket(submit, type, parameters, hash, message.Payload.ToArray(), journal.NextAcceptOrder(), responseTopic, correlation, robot.RobotId));
        fleet.Dispatch(accepted);
        _ = accepted.Ticket.Accepted.ContinueWith(
            (t, state) => NotAccepted((TaskTicket)state!, t.Exception!.GetBaseException()),
            accepted.Ticket,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    private void NotAccepted(TaskTicket ticket, Exception error)
    {
        board.Remove(ticket.TaskId);
        IntakeLog.NotJournaled(logger, ticket.TaskId, error.Message, error);
        Reject(ticket.TaskId, TaskErrorCodes.Unavailable, $"The site could not record task {ticket.TaskId} ({error.Message}); nothing was accepted. Resubmit with the same id.", ticket.ResponseTopic, ticket.Correlation);
    }

    private void Cancel(string taskId, MqttMessage message, PayloadVerdict verdict)
    {
        var (responseTopic, correlation) = ReplyTo(message);
        if (Refused(message, verdict, responseTopic, correlation) is not TaskCancelMessage cancel)
        {
            return;
        }

        if (cancel.TaskId != taskId)
        {
            Reject(taskId, TaskErrorCodes.SchemaViolation, $"The cancel's taskId '{cancel.TaskId}' differs from the task id in its topic, '{taskId}'.", responseTopic, correlation);
            return;
        }

        if (board.Find(taskId) is { } open)
        {
            fleet.Cancel(open.Ticket);
        }
        else if (journal.Find(taskId) is { } known)
        {
            // Already final: say so again rather than reject.
            reporter.Repeat(taskId, known.LastStatus, responseTopic, correlation);
        }
        else
        {
            Reject(taskId, TaskErrorCodes.UnknownTask, $"Site '{site.SiteId}' has no task '{taskId}' to cancel.", responseTopic, correlation);
        }
    }

    // Answered with the task's latest status once the acceptance is durable: the board's, or the journal's once it is final.
    private void RepeatWhenAccepted(TaskTicket open, string? responseTopic, byte[]? correlation) =>
        _ = open.Accepted.ContinueWith(
            accepted =>
            {
                if (accepted.IsCompletedSuccessfully && (board.Find(open.TaskId)?.Progress.LastStatus ?? journal.Find(open.TaskId)?.LastStatus) is { } last)
                {
                    reporter.Repeat(open.TaskId, last, responseTopic, correlation);
                }
                else
                {
                    Reject(open.TaskId, TaskErrorCodes.Unavailable, $"The site could not record task {open.TaskId}; nothing was accepted. Resubmit with the same id.", responseTopic, correlation);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);

    private void Repeat(string taskId, bool sameContent, byte[]? lastStatus, string? responseTopic, byte[]? correlation)
    {
        if (!sameContent)
        {
            Reject(taskId, TaskErrorCodes.TaskIdConflict, $"Task id '{taskId}' was already used at site '{site.SiteId}' for a different task; use a new id.", responseTopic, correlation);
        }
        else if (lastStatus is not null)
        {
            reporter.Repeat(taskId, lastStatus, responseTopic, correlation);
        }
    }

    // The verdict's message when it passed; otherwise answers the refusal and returns null.
    private object? Refused(MqttMessage message, PayloadVerdict verdict, string? responseTopic, byte[]? correlation)
    {
        if (verdict.Message is { } passed)
        {
            return passed;
        }

        if (verdict.Code == TaskErrorCodes.InvalidJson)
        {
            Malformed(message.Topic, message.Payload, verdict.Reason!, responseTopic, correlation);
        }
        else
        {
            Reject(verdict.TaskId, verdict.Code!, verdict.Reason!, responseTopic, correlation);
        }

        return null;
    }

    // Answered on the task's status topic when its id can still be read (from the cancel topic or the payload).
    private void Malformed(string topic, ReadOnlyMemory<byte> payload, string reason, string? responseTopic, byte[]? correlation)
    {
        IntakeLog.Malformed(logger, topic, payload.Length, reason, PayloadExcerpt.Hex(payload.Span));
        var taskId = Topics.TryParse(topic, out var address) && address.Kind == TopicKind.TaskCancel ? address.Id : RawTaskId.Find(payload.Span);
        Reject(taskId, TaskErrorCodes.InvalidJson, reason, responseTopic, correlation);
    }

    private void Reject(string? taskId, string code, string reason, string? responseTopic, byte[]? correlation)
    {
        IntakeLog.Rejected(logger, taskId ?? TaskReporter.UnidentifiedTask, code, reason);
        reporter.Reject(taskId, new TaskError(code, reason), responseTopic, correlation);
    }

    // An unusable or disallowed response topic is ignored rather than trusted: the status topic always carries the answer.
    private (string? Topic, byte[]? Correlation) ReplyTo(MqttMessage message)
    {
        if (message.Properties?.ResponseTopic is not { } topic)
        {
            return (null, null);
        }

        try
        {
            MqttTopic.ValidateTopicName(topic);
        }
        catch (MqttException)
        {
            Refused(topic, "it is not a valid topic name");
            return (null, null);
        }

        if (!replies.Allows(topic))
        {
            Refused(topic, $"it is outside the site's reply topics ({string.Join(", ", replies.Filters)})");
            return (null, null);
        }

        return (topic, message.Properties.CorrelationData?.ToArray());
    }

    private void Refused(string topic, string why)
    {
        counters.CountRefusedReplyTopic();
        IntakeLog.ReplyTopicRefused(logger, PayloadExcerpt.Text(topic), why);
    }
}
