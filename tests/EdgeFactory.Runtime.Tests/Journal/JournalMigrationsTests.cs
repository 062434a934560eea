using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Runtime.Tests.Journal;

/// <summary>journal-v1.db was written by the version-1 runtime: t1 open in step 'place' (sequence 5), t2 completed, events after the first unpublished.</summary>
public sealed class JournalMigrationsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-migrate-").FullName;

    private string DbPath => Path.Combine(_folder, "journal.db");

    [Fact]
    public void Open_VersionOneJournal_UpgradesAndReadsEverything()
    {
        File.Copy(RepositoryPaths.Of("tests", "EdgeFactory.Runtime.Tests", "Journal", "journal-v1.db"), DbPath);

        using (var journal = TaskJournal.Open(DbPath, NullLogger.Instance))
        {
            var open = Assert.Single(journal.OpenTasks());
            Assert.Equal(("t1", TaskState.Step, "place", 5L, "r1", "resp/t1"), (open.TaskId, open.State, open.Step, open.Sequence, open.RobotId, open.ResponseTopic));
            Assert.Equal(TaskState.Completed, journal.Find("t2")!.State);
            Assert.Equal(5, journal.EventCount("t1"));
            Assert.Equal(1, journal.PublishedThrough);
            Assert.Equal(6, journal.UnpublishedEvents().Count);
        }

        Assert.Equal(JournalSchema.Version, SchemaVersion());
        Assert.Equal(["events_task_sequence"], EventIndexes());
    }

    [Fact]
    public async Task Open_UpgradedJournal_TakesNewEntriesAndReopens()
    {
        File.Copy(RepositoryPaths.Of("tests", "EdgeFactory.Runtime.Tests", "Journal", "journal-v1.db"), DbPath);
        using (var journal = TaskJournal.Open(DbPath, NullLogger.Instance))
        {
            await journal.AppendAsync(new TaskStatusEntry("t1", new JournalStatus(6, TaskState.Completed, null, null, 2, [1]), null));
        }

        using var reopened = TaskJournal.Open(DbPath, NullLogger.Instance);

        Assert.Empty(reopened.OpenTasks());
        Assert.Equal(6, reopened.EventCount("t1"));
    }

    [Fact]
    public void Open_VersionOneJournal_RecoveryAndRetentionSearchIndexesOfTheirOwnRowsOnly()
    {
        File.Copy(RepositoryPaths.Of("tests", "EdgeFactory.Runtime.Tests", "Journal", "journal-v1.db"), DbPath);
        TaskJournal.Open(DbPath, NullLogger.Instance).Dispose();

        Assert.Contains("tasks_open", Plan($"SELECT {TaskColumns.TaskId} FROM tasks WHERE {TaskColumns.Final} = 0 ORDER BY {TaskColumns.AcceptOrder}"), StringComparison.Ordinal);
        Assert.Contains("tasks_retention", Plan($"SELECT {TaskColumns.TaskId} FROM tasks WHERE {TaskColumns.Final} = 1 AND {TaskColumns.UpdatedAt} < 5"), StringComparison.Ordinal);
        Assert.All(
            Query("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND sql IS NOT NULL", r => r.GetString(0)),
            sql => Assert.Contains($"WHERE {TaskColumns.Final} =", sql, StringComparison.Ordinal));
    }

    [Fact]
    public void Open_NewJournalHasSmallPages_AnOlderOneKeepsItsOwn()
    {
        var fresh = Path.Combine(_folder, "fresh.db");
        TaskJournal.Open(fresh, NullLogger.Instance).Dispose();
        File.Copy(RepositoryPaths.Of("tests", "EdgeFactory.Runtime.Tests", "Journal", "journal-v1.db"), DbPath);
        TaskJournal.Open(DbPath, NullLogger.Instance).Dispose();

        Assert.Equal(2048L, PageSize(fresh));
        Assert.Equal(4096L, PageSize(DbPath));
    }

    [Fact]
    public void Open_NewerVersionThanThisBuild_IsRefusedNamingBoth()
    {
        TaskJournal.Open(DbPath, NullLogger.Instance).Dispose();
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = 99 WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => TaskJournal.Open(DbPath, NullLogger.Instance));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {JournalSchema.Version}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private long SchemaVersion() => Query("SELECT value FROM meta WHERE key = 'schema_version'", r => r.GetInt64(0)).Single();

    private static long PageSize(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return (long)command.ExecuteScalar()!;
    }

    private string Plan(string sql) => string.Join(" / ", Query("EXPLAIN QUERY PLAN " + sql, r => r.GetString(3)));

    private List<string> EventIndexes() => Query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL", r => r.GetString(0));

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var row = command.ExecuteReader();
        var values = new List<T>();
        while (row.Read())
        {
            values.Add(read(row));
        }

        return values;
    }
}
