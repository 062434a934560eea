using System.Collections.Frozen;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Journal.Native;
using Microsoft.Data.Sqlite;

namespace EdgeFactory.Runtime.Journal;

/// <summary>
/// The writer's prepared statements, made once and re-bound per row by parameter name (each name's index is looked up
/// once), so binding never depends on position. They run through SQLite's own API and allocate nothing per row.
/// </summary>
internal sealed class JournalStatements : IDisposable
{
    private readonly PreparedStatement _insertTask;
    private readonly PreparedStatement _updateTask;
    private readonly PreparedStatement _insertEvent;
    private readonly PreparedStatement _setWatermark;
    private readonly Columns _inserted;
    private readonly Columns _updated;
    private readonly int _eventId, _eventTask, _eventSequence, _eventStatus, _watermark;

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
        _insertTask = new PreparedStatement(connection, $"INSERT INTO tasks ({string.Join(", ", Inserted)}) VALUES ({string.Join(", ", Inserted.Select(Parameter))})");
        var updates = Updated.Select(c => c is TaskColumns.RobotId or TaskColumns.Step ? $"{c} = COALESCE({Parameter(c)}, {c})" : $"{c} = {Parameter(c)}");
        _updateTask = new PreparedStatement(connection, $"UPDATE tasks SET {string.Join(", ", updates)} WHERE {TaskColumns.TaskId} = {Parameter(TaskColumns.TaskId)}");
        _insertEvent = new PreparedStatement(connection, "INSERT INTO events (event_id, task_id, sequence, status) VALUES ($event_id, $task_id, $sequence, $status)");
        _setWatermark = new PreparedStatement(connection, "UPDATE meta SET value = $value WHERE key = 'published_through'");
        _inserted = new Columns(_insertTask);
        _updated = new Columns(_updateTask);
        (_eventId, _eventTask, _eventSequence, _eventStatus) = (_insertEvent.Index("$event_id"), _insertEvent.Index("$task_id"), _insertEvent.Index("$sequence"), _insertEvent.Index("$status"));
        _watermark = _setWatermark.Index("$value");
    }

    public void InsertTask(JournaledTask task, JournalStatus status)
    {
        var (s, c) = (_insertTask, _inserted);
        s.Bind(c.TaskId, task.TaskId);
        s.Bind(c.AcceptOrder, task.AcceptOrder);
        s.Bind(c.ContentHash, task.ContentHash);
        s.Bind(c.SubmitJson, task.SubmitJson);
        s.Bind(c.ResponseTopic, task.ResponseTopic);
        s.Bind(c.Correlation, task.Correlation);
        s.Bind(c.AcceptedAt, status.At);
        BindStatus(s, c, status);
        s.Run();
    }

    public void UpdateTask(string taskId, JournalStatus status)
    {
        _updateTask.Bind(_updated.TaskId, taskId);
        BindStatus(_updateTask, _updated, status);
        _updateTask.Run();
    }

    public void InsertEvent(long eventId, string taskId, JournalStatus status)
    {
        _insertEvent.Bind(_eventId, eventId);
        _insertEvent.Bind(_eventTask, taskId);
        _insertEvent.Bind(_eventSequence, status.Sequence);
        _insertEvent.Bind(_eventStatus, status.Payload);
        _insertEvent.Run();
    }

    public void SetWatermark(long value)
    {
        _setWatermark.Bind(_watermark, value);
        _setWatermark.Run();
    }

    public void Dispose()
    {
        _insertTask.Dispose();
        _updateTask.Dispose();
        _insertEvent.Dispose();
        _setWatermark.Dispose();
    }

    // What a status sets on its task's row, on insert and on update alike.
    private static void BindStatus(PreparedStatement s, Columns c, JournalStatus status)
    {
        s.Bind(c.RobotId, status.RobotId);
        s.Bind(c.State, StateNames[status.State]);
        s.Bind(c.Step, status.Step);
        s.Bind(c.Sequence, status.Sequence);
        s.Bind(c.Final, status.State.IsFinal() ? 1 : 0);
        s.Bind(c.UpdatedAt, status.At);
        s.Bind(c.LastStatus, status.Payload);
    }

    private static string Parameter(string column) => "$" + column;

    // State names as stored, made once rather than by Enum.ToString for every row.
    private static readonly FrozenDictionary<TaskState, string> StateNames =
        Enum.GetValues<TaskState>().ToFrozenDictionary(s => s, s => s.ToString());

    // Where each tasks column's parameter is bound in one statement; 0 where the statement does not set it.
    private sealed class Columns(PreparedStatement statement)
    {
        public int TaskId { get; } = statement.Index(Parameter(TaskColumns.TaskId));
        public int AcceptOrder { get; } = IndexIfAny(statement, TaskColumns.AcceptOrder);
        public int ContentHash { get; } = IndexIfAny(statement, TaskColumns.ContentHash);
        public int SubmitJson { get; } = IndexIfAny(statement, TaskColumns.SubmitJson);
        public int RobotId { get; } = statement.Index(Parameter(TaskColumns.RobotId));
        public int State { get; } = statement.Index(Parameter(TaskColumns.State));
        public int Step { get; } = statement.Index(Parameter(TaskColumns.Step));
        public int Sequence { get; } = statement.Index(Parameter(TaskColumns.Sequence));
        public int Final { get; } = statement.Index(Parameter(TaskColumns.Final));
        public int ResponseTopic { get; } = IndexIfAny(statement, TaskColumns.ResponseTopic);
        public int Correlation { get; } = IndexIfAny(statement, TaskColumns.Correlation);
        public int AcceptedAt { get; } = IndexIfAny(statement, TaskColumns.AcceptedAt);
        public int UpdatedAt { get; } = statement.Index(Parameter(TaskColumns.UpdatedAt));
        public int LastStatus { get; } = statement.Index(Parameter(TaskColumns.LastStatus));

        private static int IndexIfAny(PreparedStatement statement, string column) => statement.IndexOrZero(Parameter(column));
    }
}
