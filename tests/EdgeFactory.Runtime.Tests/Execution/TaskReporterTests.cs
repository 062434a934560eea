using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Runtime.Sites;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Runtime.Tests.Execution;

/// <summary>Statuses are made from the owner's immutable progress; the reporter keeps none and the board gets the same snapshot.</summary>
public sealed class TaskReporterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-reporter-").FullName;
    private readonly SiteDefinition _site;
    private readonly TaskJournal _journal;
    private readonly OutboxQueue _outbox = new();
    private readonly TaskBoard _board = new();
    private readonly TaskReporter _reporter;

    public TaskReporterTests()
    {
        _site = SiteFile.Parse($"site: s1\ndevice: d1\nkinds: {RepositoryPaths.Of("robots", "kinds")}\nrobots:\n  - id: c1\n    kind: conveyor\n", Path.Combine(_folder, "site.yaml"));
        _journal = TaskJournal.Open(Path.Combine(_folder, "journal.db"), NullLogger.Instance, committed: _outbox);
        _reporter = new TaskReporter(_site, _journal, _outbox, _board, new SiteCounters(), TimeProvider.System, NullLogger<TaskReporter>.Instance);
    }

    [Fact]
    public async Task Accept_QueuedTaskOnTheBoard_DurableWhenItsTicketSaysSo()
    {
        var accepted = _reporter.Accept(Ticket("t1"));
        await accepted.Ticket.Accepted;

        Assert.Equal((TaskState.Queued, 2L), (accepted.Progress.State, accepted.Progress.Sequence));
        Assert.Same(accepted, _board.Find("t1"));
        Assert.Equal(2, _journal.EventCount("t1"));
        Assert.Equal(TaskState.Queued, Sequence(accepted.Progress.LastStatus!).State);
    }

    [Fact]
    public async Task Report_OwnersTask_NextSequenceAndStepWithoutTouchingTheEarlierSnapshot()
    {
        var queued = _reporter.Accept(Ticket("t1"));
        var started = _reporter.Report(queued, TaskState.Started).Task;

        var (step, durable) = _reporter.Report(started, TaskState.Step, new TaskStepInfo("advance", 0, 1));
        await durable;

        Assert.Equal((TaskState.Queued, 2L), (queued.Progress.State, queued.Progress.Sequence));
        Assert.Equal((TaskState.Step, 4L, "advance"), (step.Progress.State, step.Progress.Sequence, step.Progress.ResumeStep));
        Assert.Same(step, _board.Find("t1"));
        Assert.Equal(4, Sequence(step.Progress.LastStatus!).Sequence);
    }

    [Fact]
    public async Task Report_IllegalTransition_TaskComesBackUnchangedAndNothingIsJournaled()
    {
        var queued = _reporter.Accept(Ticket("t1"));
        await queued.Ticket.Accepted;

        var (same, durable) = _reporter.Report(queued, TaskState.Step, new TaskStepInfo("advance", 0, 1));
        await durable;

        Assert.Same(queued, same);
        Assert.Equal(2, _journal.EventCount("t1"));
    }

    [Fact]
    public async Task Report_Final_TaskLeavesTheBoardAndCannotEndTwice()
    {
        var queued = _reporter.Accept(Ticket("t1"));
        var (done, durable) = _reporter.Report(queued, TaskState.Cancelled);
        await durable;

        var again = _reporter.Report(done, TaskState.Completed);

        Assert.Null(_board.Find("t1"));
        Assert.Same(done, again.Task);
        Assert.Equal(3, _journal.EventCount("t1"));
    }

    public void Dispose()
    {
        _journal.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task OpenCount_FollowsAcceptsFinalsAndRemovals()
    {
        var first = _reporter.Accept(Ticket("t1"));
        var second = _reporter.Accept(Ticket("t2"));
        _reporter.Accept(Ticket("t3"));
        await Task.WhenAll(first.Ticket.Accepted, second.Ticket.Accepted);
        Assert.False(_board.TryAdd(first));
        Assert.Equal(3, _board.OpenCount);

        var started = _reporter.Report(first, TaskState.Started).Task;
        Assert.Equal(3, _board.OpenCount);
        _reporter.Report(started, TaskState.Completed);
        _board.Remove("t2");
        _board.Remove("t2");
        _board.Remove("unknown");

        Assert.Equal(1, _board.OpenCount);
    }

    private TaskTicket Ticket(string taskId)
    {
        var type = _site.Robots[0].Tasks["index"];
        var submit = new TaskSubmitMessage(taskId, "index");
        var (parameters, _) = type.Bind(null);
        return new TaskTicket(submit, type, parameters, [1], [2], _journal.NextAcceptOrder(), null, null, "c1");
    }

    private static TaskStatusMessage Sequence(byte[] payload) =>
        JsonSerializer.Deserialize(payload, ContractsJsonContext.Default.TaskStatusMessage)!;
}
