using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Schemas;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Takes MES submissions and cancels off the site broker. A submission is checked (size, JSON, schema, idempotency,
/// routing, parameters, capacity) and either rejected at once with a stable code, or journaled and then acknowledged
/// (<c>accepted</c>, <c>queued</c>) and handed to its robot. Journaling runs behind the loop, so the journal commits
/// a burst of submissions together instead of one fsync each.
/// </summary>
internal sealed class TaskIntake(
    SiteDefinition site,
    MqttClient client,
    TaskBoard board,
    TaskJournal journal,
    TaskReporter reporter,
    RobotFleet fleet,
    ILogger<TaskIntake> logger)
{
    private readonly string _submitTopic = Topics.TaskSubmit(site.SiteId);

    /// <summary>Subscribes to the site's submit and cancel topics.</summary>
    public async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        await client.SubscribeAsync(_submitTopic, MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(Topics.AnyTaskCancel(site.SiteId), MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        IntakeLog.Listening(logger, site.SiteId, _submitTopic, Topics.AnyTaskCancel(site.SiteId));
    }

    /// <summary>Handles messages until <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                using (message)
                {
                    Handle(message);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: what was received but not handled was never acknowledged to the MES, which resubmits.
        }
    }

    private void Handle(MqttMessage message)
    {
        if (message.Topic == _submitTopic)
        {
            Submit(message);
        }
        else if (Topics.TryParse(message.Topic, out var address) && address.Kind == TopicKind.TaskCancel && address.Site == site.SiteId)
        {
            Cancel(address.Id, message);
        }
        else
        {
            IntakeLog.Ignored(logger, message.Topic);
        }
    }

    private void Submit(MqttMessage message)
    {
        var (responseTopic, correlation) = ReplyTo(message);
        if (message.Payload.Length > site.Settings.MaxPayloadBytes)
        {
            Reject(null, TaskErrorCodes.PayloadTooLarge, $"The submission is {message.Payload.Length:N0} bytes; this site accepts at most {site.Settings.MaxPayloadBytes:N0}.", responseTopic, correlation);
            return;
        }

        if (Parse(message.Payload, ContractSchemas.TaskSubmit, ContractsJsonContext.Default.TaskSubmitMessage, responseTopic, correlation) is not { } submit)
        {
            return;
        }

        var hash = SubmissionHash.Of(submit);
        if (board.Find(submit.TaskId) is { } open)
        {
            Repeat(submit.TaskId, open.ContentHash, open.LastStatus, hash, responseTopic, correlation);
            return;
        }

        if (journal.Find(submit.TaskId) is { } known)
        {
            Repeat(submit.TaskId, known.ContentHash, known.LastStatus, hash, responseTopic, correlation);
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

        if (board.OpenCount >= site.Settings.MaxOpenTasks)
        {
            Reject(submit.TaskId, TaskErrorCodes.Overloaded, $"Site '{site.SiteId}' already holds {board.OpenCount:N0} open tasks (limit {site.Settings.MaxOpenTasks:N0}); resubmit later with the same id.", responseTopic, correlation);
            return;
        }

        var ticket = new TaskTicket(submit, type, parameters, hash, message.Payload.ToArray(), journal.NextAcceptOrder(), responseTopic, correlation) { RobotId = robot.RobotId };
        board.TryAdd(ticket);

        // Dispatched now, in acceptance order; the robot waits for the acceptance to be durable before starting it.
        ticket.Accepted = reporter.AcceptAsync(ticket);
        fleet.Dispatch(ticket);
        _ = ticket.Accepted.ContinueWith(
            (t, state) => NotAccepted((TaskTicket)state!, t.Exception!.GetBaseException()),
            ticket,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    private void NotAccepted(TaskTicket ticket, Exception error)
    {
        board.Remove(ticket);
        IntakeLog.NotJournaled(logger, ticket.TaskId, error.Message, error);
        Reject(ticket.TaskId, TaskErrorCodes.Unavailable, $"The site could not record task {ticket.TaskId} ({error.Message}); nothing was accepted. Resubmit with the same id.", ticket.ResponseTopic, ticket.Correlation);
    }

    private void Cancel(string taskId, MqttMessage message)
    {
        var (responseTopic, correlation) = ReplyTo(message);
        if (Parse(message.Payload, ContractSchemas.TaskCancel, ContractsJsonContext.Default.TaskCancelMessage, responseTopic, correlation) is not { } cancel)
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
            fleet.Cancel(open);
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

    private void Repeat(string taskId, byte[] knownHash, byte[]? lastStatus, byte[] hash, string? responseTopic, byte[]? correlation)
    {
        if (!knownHash.AsSpan().SequenceEqual(hash))
        {
            Reject(taskId, TaskErrorCodes.TaskIdConflict, $"Task id '{taskId}' was already used at site '{site.SiteId}' for a different task; use a new id.", responseTopic, correlation);
        }
        else if (lastStatus is not null)
        {
            reporter.Repeat(taskId, lastStatus, responseTopic, correlation);
        }
    }

    private T? Parse<T>(ReadOnlyMemory<byte> payload, ContractSchema schema, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string? responseTopic, byte[]? correlation)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            Reject(null, TaskErrorCodes.InvalidJson, $"The payload is not UTF-8 JSON: {e.Message}", responseTopic, correlation);
            return null;
        }

        using (document)
        {
            var taskId = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("taskId", out var id) && id.ValueKind == JsonValueKind.String && TopicSegment.IsValid(id.GetString()!)
                ? id.GetString()
                : null;
            var violations = schema.Validate(document.RootElement);
            if (violations.Count > 0)
            {
                Reject(taskId, TaskErrorCodes.SchemaViolation, $"The message does not match {schema.Name}: {string.Join("; ", violations.Take(3))}", responseTopic, correlation);
                return null;
            }

            try
            {
                return document.RootElement.Deserialize(type);
            }
            catch (JsonException e)
            {
                Reject(taskId, TaskErrorCodes.SchemaViolation, $"The message does not match {schema.Name}: {e.Message}", responseTopic, correlation);
                return null;
            }
        }
    }

    private void Reject(string? taskId, string code, string reason, string? responseTopic, byte[]? correlation)
    {
        IntakeLog.Rejected(logger, taskId ?? TaskReporter.UnidentifiedTask, code, reason);
        reporter.Reject(taskId, new TaskError(code, reason), responseTopic, correlation);
    }

    // An unusable response topic is ignored rather than trusted: the status topic always carries the answer.
    private static (string? Topic, byte[]? Correlation) ReplyTo(MqttMessage message)
    {
        if (message.Properties?.ResponseTopic is not { } topic)
        {
            return (null, null);
        }

        try
        {
            MqttTopic.ValidateTopicName(topic);
            return (topic, message.Properties.CorrelationData?.ToArray());
        }
        catch (MqttException)
        {
            return (null, null);
        }
    }
}
