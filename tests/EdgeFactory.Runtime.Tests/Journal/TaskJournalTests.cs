using System.Text;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Runtime.Tests.Journal;

public sealed class TaskJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-journal-").FullName;

    private string DbPath => Path.Combine(_folder, "journal.db");

    [Fact]
    public async Task Reopen_AfterAcceptAndStatuses_OpenTaskHasLatestStateAndStep()
    {
        using (var journal = Open())
        {
            await AcceptAsync(journal, "t1", "r1");
            await StatusAsync(journal, "t1", 3, TaskState.Step, step: "grasp");
        }

        using var reopened = Open();
        var task = Assert.Single(reopened.OpenTasks());

        Assert.Equal(("t1", TaskState.Step, "grasp", 3L, "r1"), (task.TaskId, task.State, task.Step, task.Sequence, task.RobotId));
        Assert.Equal("resp/t1", task.ResponseTopic);
        Assert.Equal("{\"taskId\":\"t1\"}", Encoding.UTF8.GetString(task.SubmitJson));
        Assert.Equal(2, reopened.EventCount("t1"));
    }

    [Fact]
    public async Task OpenTasks_FinalTask_IsNotOpenButFindReturnsIt()
    {
        using var journal = Open();
        await AcceptAsync(journal, "t1", "r1");
        await StatusAsync(journal, "t1", 2, TaskState.Completed);

        Assert.Empty(journal.OpenTasks());
        Assert.Equal(TaskState.Completed, journal.Find("t1")!.State);
        Assert.Null(journal.Find("nope"));
    }

    [Fact]
    public async Task Reopen_SomeEventsUnacknowledged_ReturnsThemForRepublication()
    {
        // Event ids are given by the writer in commit order, densely: here 1 to 4.
        using (var journal = Open())
        {
            await AcceptAsync(journal, "t1", "r1");
            await StatusAsync(journal, "t1", 2, TaskState.Queued);
            await StatusAsync(journal, "t1", 3, TaskState.Started);
            journal.MarkPublishedThrough(1);
            await StatusAsync(journal, "t1", 4, TaskState.Step, step: "locate");
        }

        using var reopened = Open();

        Assert.Equal(1, reopened.PublishedThrough);
        Assert.Equal([2L, 3L, 4L], reopened.UnpublishedEvents().Select(e => e.EventId));
        Assert.All(reopened.UnpublishedEvents(), e => Assert.Equal("resp/t1", e.ResponseTopic));
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentWriters_AllDurableInFewerCommits()
    {
        using (var journal = Open())
        {
            await Task.WhenAll(Enumerable.Range(0, 5_000).Select(i => AcceptAsync(journal, $"t{i}", "r1")));

            Assert.Equal(5_000, journal.EntriesWritten);
            Assert.True(journal.Commits < journal.EntriesWritten, $"{journal.Commits} commits for {journal.EntriesWritten} entries");
        }

        using var reopened = Open();
        Assert.Equal(5_000, reopened.OpenTasks().Count);
        Assert.Equal(Enumerable.Range(1, 5_000).Select(i => (long)i), reopened.OpenTasks().Select(t => t.AcceptOrder));
    }

    [Fact]
    public async Task PurgeAsync_RemovesOnlyFinalTasksOlderThanCutoff()
    {
        using var journal = Open();
        await AcceptAsync(journal, "old-final", "r1", at: 1_000);
        await StatusAsync(journal, "old-final", 2, TaskState.Completed, at: 2_000);
        await AcceptAsync(journal, "old-open", "r1", at: 1_000);
        await AcceptAsync(journal, "new-final", "r1", at: 1_000);
        await StatusAsync(journal, "new-final", 2, TaskState.Failed, at: 9_000);

        var removed = await journal.PurgeAsync(DateTimeOffset.FromUnixTimeMilliseconds(5_000));

        Assert.Equal(1, removed);
        Assert.Null(journal.Find("old-final"));
        Assert.Equal(0, journal.EventCount("old-final"));
        Assert.NotNull(journal.Find("old-open"));
        Assert.NotNull(journal.Find("new-final"));
    }

    [Fact]
    public async Task AppendAsync_WithPublish_HandsItemsOverAfterCommitInAppendOrderWithDenseIds()
    {
        var committed = new Runtime.Execution.OutboxQueue();
        using var journal = TaskJournal.Open(DbPath, NullLogger.Instance, committed: committed);
        var published = new List<(long EventId, byte[] Payload, bool Durable)>();
        var reading = Task.Run(async () =>
        {
            await foreach (var item in committed.Reader.ReadAllAsync())
            {
                published.Add((item.EventId, item.Payload, journal.EventCount("t1") >= item.EventId));
            }
        });
        await AcceptAsync(journal, "t1", "r1");

        var writes = Enumerable.Range(2, 200).Select(sequence =>
        {
            var status = new JournalStatus(sequence, TaskState.Step, null, "s", 2, [(byte)sequence]);
            return journal.AppendAsync(new TaskStatusEntry("t1", status, new Runtime.Execution.OutboxItem(0, "topic", status.Payload, null, null)));
        }).ToList();
        await Task.WhenAll(writes);
        committed.Complete();
        await reading;

        Assert.Equal(Enumerable.Range(2, 200).Select(i => (long)i), published.Select(p => p.EventId));
        Assert.Equal(Enumerable.Range(2, 200).Select(i => (byte)i), published.Select(p => p.Payload[0]));
        Assert.All(published, p => Assert.True(p.Durable));
    }

    [Fact]
    public void Open_FileIsNotADatabase_ThrowsSqliteError()
    {
        File.WriteAllText(DbPath, "this is not a database, it is a very long sentence written to fill a page header......................................");

        Assert.ThrowsAny<Exception>(() => Open());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AppendAsync_ManyWritersAtOnce_EveryEntryDurableInFewerCommits()
    {
        using var journal = Open();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(r => AcceptAsync(journal, $"t{r}", $"r{r}")));
        var commitsBefore = journal.Commits;

        // Eight writers come back with their next entry each, as robots do after a step became durable.
        for (var round = 2; round <= 6; round++)
        {
            var sequence = round;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(r => Task.Run(() => StatusAsync(journal, $"t{r}", sequence, TaskState.Step, step: $"s{sequence}"))));
        }

        Assert.All(Enumerable.Range(0, 8), r => Assert.Equal(6, journal.EventCount($"t{r}")));
        Assert.True(journal.Commits - commitsBefore < 5 * 8, $"{journal.Commits - commitsBefore} commits for 40 entries");
    }

    [Fact]
    public async Task AppendAsync_LoneEntryAfterALargeBatch_IsStillCommitted()
    {
        using var journal = Open();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => AcceptAsync(journal, $"t{i}", "r1")));

        // Fewer entries than the last commit carried: the writer commits them without waiting for more.
        await StatusAsync(journal, "t7", 2, TaskState.Completed).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TaskState.Completed, journal.Find("t7")!.State);
    }

    private TaskJournal Open() => TaskJournal.Open(DbPath, NullLogger.Instance);

    private static async Task AcceptAsync(TaskJournal journal, string taskId, string robot, long at = 1)
    {
        var status = new JournalStatus(1, TaskState.Accepted, robot, null, at, Encoding.UTF8.GetBytes($"{{\"seq\":1,\"taskId\":\"{taskId}\"}}"));
        var task = new JournaledTask(taskId, journal.NextAcceptOrder(), [1, 2, 3], Encoding.UTF8.GetBytes($"{{\"taskId\":\"{taskId}\"}}"), robot, TaskState.Accepted, null, 1, $"resp/{taskId}", [9], at, status.Payload);
        await journal.AppendAsync(new TaskAcceptedEntry(task, status, null));
    }

    private static Task StatusAsync(TaskJournal journal, string taskId, long sequence, TaskState state, string? step = null, long at = 2) =>
        journal.AppendAsync(new TaskStatusEntry(taskId, new JournalStatus(sequence, state, null, step, at, Encoding.UTF8.GetBytes($"{{\"seq\":{sequence}}}")), null));
}
