using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// Brings the site back after a stop or crash, before any agent runs: statuses the broker never acknowledged are
/// sent again, and every open task in the journal is put back on the board with its robot, step and sequence.
/// The robot agents then re-queue them, resuming or failing the ones that were running per their recovery policy.
/// </summary>
internal sealed partial class TaskRecovery(SiteDefinition site, TaskJournal journal, TaskBoard board, OutboxQueue outbox, TaskReporter reporter, RobotFleet fleet, Intake.ReplyTopicPolicy replies, ILogger<TaskRecovery> logger)
{
    // A journal written before the site's reply topics were enforced (or narrowed) may hold any response topic.
    private string? Allowed(string? responseTopic) => responseTopic is not null && replies.Allows(responseTopic) ? responseTopic : null;

    public async Task RecoverAsync()
    {
        // Before anything new is journaled: the outbox sends these first, and their ids are below every new one.
        var resent = journal.UnpublishedEvents();
        foreach (var e in resent)
        {
            outbox.TryWrite(new OutboxItem(e.EventId, Topics.TaskStatus(site.SiteId, e.TaskId), e.Payload, Allowed(e.ResponseTopic), e.Correlation));
        }

        int queued = 0, running = 0, failed = 0;
        foreach (var row in journal.OpenTasks())
        {
            var submit = JsonSerializer.Deserialize(row.SubmitJson, ContractsJsonContext.Default.TaskSubmitMessage)!;
            var robot = row.RobotId is null ? null : site.Robot(row.RobotId);
            var type = robot?.Tasks.GetValueOrDefault(submit.TaskType) ?? site.Robots.Select(r => r.Tasks.GetValueOrDefault(submit.TaskType)).FirstOrDefault(t => t is not null);
            var (parameters, problem) = type?.Bind(submit.Parameters) ?? (new Dictionary<string, JsonElement>(), $"no robot at the site does '{submit.TaskType}' any more");
            // Recovery owns each task until the robots' actors start and take them from the board.
            var ticket = new TaskTicket(submit, type ?? Placeholder(submit.TaskType), parameters, row.ContentHash, row.SubmitJson, row.AcceptOrder, Allowed(row.ResponseTopic), row.Correlation, row.RobotId);
            var task = new OpenTask(ticket, new TaskProgress(row.State, row.Sequence, row.Step, row.LastStatus));
            if (robot is null && problem is null && !task.Progress.WasStarted && fleet.Route(submit.TaskType, submit.RobotId, submit.Parameters) is ({ } other, null))
            {
                // Its robot left the site file: a task that never started moves to one that can do it.
                task = task with { Ticket = ticket.AssignedTo(other.RobotId) };
                robot = other;
            }

            board.TryAdd(task);
            if (robot is null || problem is not null)
            {
                failed++;
                await reporter.Report(task, TaskState.Failed, error: new TaskError(
                    TaskErrorCodes.RobotFaulted,
                    $"After a restart, task {row.TaskId} could not be given back to a robot: {problem ?? $"robot '{row.RobotId}' is no longer part of site '{site.SiteId}'"}.")).Durable.ConfigureAwait(false);
                continue;
            }

            if (task.Progress.WasStarted)
            {
                running++;
            }
            else
            {
                queued++;
            }
        }

        Recovered(logger, site.SiteId, queued, running, failed, resent.Count);
    }

    // A task type whose definition is gone still needs a ticket to be failed properly.
    private static TaskTypes.TaskTypeDefinition Placeholder(string name) =>
        new(name, name, [], new StateMachines.StateMachineBuilder(name).Add(new StateMachines.StateDefinition("none", null, TimeSpan.FromSeconds(1), 0, new Dictionary<string, JsonElement>(), new Dictionary<string, JsonElement>(), [new StateMachines.TransitionDefinition(StateMachines.Triggers.Done, StateMachines.TerminalStates.Completed, null)])).Build(), TaskTypes.RecoveryPolicy.Fail);

    [LoggerMessage(5300, LogLevel.Information, "Site {SiteId} recovered from its journal: {Queued} queued and {Running} interrupted tasks back with their robots, {Failed} failed, {Resent} statuses sent again")]
    private static partial void Recovered(ILogger logger, string siteId, int queued, int running, int failed, int resent);
}
