using System.Collections.Frozen;
using EdgeFactory.Contracts.Tasks;
using Microsoft.Data.Sqlite;

namespace EdgeFactory.Runtime.Journal;

/// <summary>The writer's prepared statements, made once and re-bound per row.</summary>
internal sealed class JournalStatements : IDisposable
{
    private readonly SqliteCommand _insertTask;
    private readonly SqliteCommand _updateTask;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _setWatermark;

    // Every tasks column a new row gets; accepted_at and updated_at start equal.
    private static readonly string[] Inserted =
    [
        TaskColumns.TaskId, TaskColumns.AcceptOrder, TaskColumns.ContentHash, TaskColumns.SubmitJson, TaskColumns.RobotId, TaskColumns.State,
        TaskColumns.Step, TaskColumns.Sequence, TaskColumns.Final, TaskColumns.ResponseTopic, TaskColumns.Correlation, TaskColumns.AcceptedAt,
        TaskColumns.UpdatedAt, TaskColumns.LastStatus,
    ];

    // What a status changes; a null robot or step keeps the stored one.
    private static readonly string[] Updated = [TaskColumns.RobotId, TaskColumns.State, TaskColumns.Step, TaskColumns.Sequence, TaskColumns.Final, TaskColumns.UpdatedAt, TaskColumns.LastStatus];

    public JournalStatements(SqliteConnection connection)
    {
        _insertTask = Prepare(
            connection,
            $"INSERT INTO tasks ({string.Join(", ", Inserted)}) VALUES ({string.Join(", ", Inserted.Select(Parameter))})",
            Inserted);
        var updates = Updated.Select(c => c is TaskColumns.RobotId or TaskColumns.Step ? $"{c} = COALESCE({Parameter(c)}, {c})" : $"{c} = {Parameter(c)}");
        _updateTask = Prepare(
            connection,
            $"UPDATE tasks SET {string.Join(", ", updates)} WHERE {TaskColumns.TaskId} = {Parameter(TaskColumns.TaskId)}",
            [TaskColumns.TaskId, .. Updated]);
        _insertEvent = Prepare(connection, "INSERT INTO events (event_id, task_id, sequence, status) VALUES ($event_id, $task_id, $sequence, $status)", "event_id", "task_id", "sequence", "status");
        _setWatermark = Prepare(connection, "UPDATE meta SET value = $value WHERE key = 'published_through'", "value");
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _insertTask.Transaction = transaction;
        _updateTask.Transaction = transaction;
        _insertEvent.Transaction = transaction;
        _setWatermark.Transaction = transaction;
    }

    public void InsertTask(JournaledTask task, JournalStatus status)
    {
        var p = _insertTask.Parameters;
        Set(p, TaskColumns.TaskId, task.TaskId);
        Set(p, TaskColumns.AcceptOrder, task.AcceptOrder);
        Set(p, TaskColumns.ContentHash, task.ContentHash);
        Set(p, TaskColumns.SubmitJson, task.SubmitJson);
        Set(p, TaskColumns.ResponseTopic, task.ResponseTopic);
        Set(p, TaskColumns.Correlation, task.Correlation);
        Set(p, TaskColumns.AcceptedAt, status.At);
        SetStatus(p, status);
        _insertTask.ExecuteNonQuery();
    }

    public void UpdateTask(string taskId, JournalStatus status)
    {
        var p = _updateTask.Parameters;
        Set(p, TaskColumns.TaskId, taskId);
        SetStatus(p, status);
        _updateTask.ExecuteNonQuery();
    }

    public void InsertEvent(long eventId, string taskId, JournalStatus status)
    {
        var p = _insertEvent.Parameters;
        Set(p, "event_id", eventId);
        Set(p, "task_id", taskId);
        Set(p, "sequence", status.Sequence);
        Set(p, "status", status.Payload);
        _insertEvent.ExecuteNonQuery();
    }

    public void SetWatermark(long value)
    {
        Set(_setWatermark.Parameters, "value", value);
        _setWatermark.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insertTask.Dispose();
        _updateTask.Dispose();
        _insertEvent.Dispose();
        _setWatermark.Dispose();
    }

    // What a status sets on its task's row, on insert and on update alike.
    private static void SetStatus(SqliteParameterCollection p, JournalStatus status)
    {
        Set(p, TaskColumns.RobotId, status.RobotId);
        Set(p, TaskColumns.State, StateNames[status.State]);
        Set(p, TaskColumns.Step, status.Step);
        Set(p, TaskColumns.Sequence, status.Sequence);
        Set(p, TaskColumns.Final, status.State.IsFinal() ? 1 : 0);
        Set(p, TaskColumns.UpdatedAt, status.At);
        Set(p, TaskColumns.LastStatus, status.Payload);
    }

    // Parameters are named after their columns ("$" + column), so binding never depends on position. The names are
    // made once: the writer binds a dozen per status, thousands of times a second.
    private static void Set(SqliteParameterCollection parameters, string column, object? value) =>
        parameters[Parameter(column)].Value = value ?? DBNull.Value;

    private static string Parameter(string column) => ParameterNames.TryGetValue(column, out var name) ? name : "$" + column;

    private static readonly FrozenDictionary<string, string> ParameterNames =
        Inserted.Concat(["event_id", "task_id", "sequence", "status", "value"]).Distinct(StringComparer.Ordinal)
            .ToFrozenDictionary(c => c, c => "$" + c, StringComparer.Ordinal);

    // State names as stored, made once rather than by Enum.ToString for every row.
    private static readonly FrozenDictionary<TaskState, string> StateNames =
        Enum.GetValues<TaskState>().ToFrozenDictionary(s => s, s => s.ToString());

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var column in columns)
        {
            command.Parameters.Add(new SqliteParameter(Parameter(column), null));
        }

        return command;
    }
}
