using System.Text;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Journal;
using EdgeFactory.Testing;
using Microsoft.Data.Sqlite;

namespace EdgeFactory.Runtime.Tests.Journal;

public sealed class JournalStatementsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-statements-").FullName;

    [Fact]
    public void InsertEventAndUpdateTask_SteadyState_AllocateNothing()
    {
        using var connection = JournalSchema.Open(Path.Combine(_folder, "journal.db"), create: true, syncFull: false);
        using var statements = new JournalStatements(connection);
        using var transaction = connection.BeginTransaction();
        var accepted = Status(1, TaskState.Accepted, null);
        statements.InsertTask(new JournaledTask("t1", 1, [1, 2], Encoding.UTF8.GetBytes("{}"), "r1", TaskState.Accepted, null, 1, "resp/t1", [7], 1_000, accepted.Payload), accepted);
        var step = Status(2, TaskState.Step, "advance");
        var eventId = 0L;
        statements.InsertEvent(++eventId, "t1", step);
        statements.UpdateTask("t1", step);

        const int Rounds = 1_000;
        var measured = ThreadAllocations.Measure(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                statements.InsertEvent(++eventId, "t1", step);
                statements.UpdateTask("t1", step);
            }
        });
        statements.SetWatermark(eventId);
        transaction.Commit();

        Assert.Equal(0, measured.Bytes);
        Assert.Equal(eventId, Scalar(connection, "SELECT COUNT(*) FROM events"));
        Assert.Equal(eventId, Scalar(connection, "SELECT value FROM meta WHERE key = 'published_through'"));
        Assert.Equal("Step|advance|r1|2|0", Text(connection, "SELECT state || '|' || step || '|' || robot_id || '|' || sequence || '|' || final FROM tasks WHERE task_id = 't1'"));
    }

    [Fact]
    public void InsertEvent_DuplicateId_ThrowsSqliteException_AndTheStatementRunsAgainAfter()
    {
        using var connection = JournalSchema.Open(Path.Combine(_folder, "journal.db"), create: true, syncFull: false);
        using var statements = new JournalStatements(connection);
        var status = Status(1, TaskState.Accepted, null);
        statements.InsertEvent(1, "t1", status);

        var error = Assert.Throws<SqliteException>(() => statements.InsertEvent(1, "t1", status));
        statements.InsertEvent(2, "t1", status);

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(2L, Scalar(connection, "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public void UpdateTask_NullRobotAndStep_KeepTheStoredOnes()
    {
        using var connection = JournalSchema.Open(Path.Combine(_folder, "journal.db"), create: true, syncFull: false);
        using var statements = new JournalStatements(connection);
        var accepted = Status(1, TaskState.Accepted, "advance");
        statements.InsertTask(new JournaledTask("t1", 1, [], [], "r1", TaskState.Accepted, null, 1, null, null, 1_000, accepted.Payload), accepted with { RobotId = "r1" });

        statements.UpdateTask("t1", Status(2, TaskState.Completed, null) with { RobotId = null });

        Assert.Equal("Completed|advance|r1|2|1|", Text(connection, "SELECT state || '|' || step || '|' || robot_id || '|' || sequence || '|' || final || '|' || COALESCE(response_topic, '') FROM tasks"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static JournalStatus Status(long sequence, TaskState state, string? step) =>
        new(sequence, state, "r1", step, 1_000 + sequence, Encoding.UTF8.GetBytes($"{{\"taskId\":\"t1\",\"sequence\":{sequence}}}"));

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }
}
