using Microsoft.Data.Sqlite;

namespace EdgeFactory.Runtime.Journal;

/// <summary>The writer's prepared statements, made once and re-bound per row.</summary>
internal sealed class JournalStatements : IDisposable
{
    private readonly SqliteCommand _insertTask;
    private readonly SqliteCommand _updateTask;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _setWatermark;

    public JournalStatements(SqliteConnection connection)
    {
        _insertTask = Prepare(
            connection,
            """
            INSERT INTO tasks (task_id, accept_order, content_hash, submit_json, robot_id, state, step, sequence, final, response_topic, correlation, accepted_at, updated_at, last_status)
            VALUES ($id, $order, $hash, $submit, $robot, $state, $step, $sequence, $final, $response, $correlation, $at, $at, $status)
            """,
            "$id", "$order", "$hash", "$submit", "$robot", "$state", "$step", "$sequence", "$final", "$response", "$correlation", "$at", "$status");
        _updateTask = Prepare(
            connection,
            """
            UPDATE tasks SET robot_id = COALESCE($robot, robot_id), state = $state, step = COALESCE($step, step), sequence = $sequence,
                final = $final, updated_at = $at, last_status = $status
            WHERE task_id = $id
            """,
            "$id", "$robot", "$state", "$step", "$sequence", "$final", "$at", "$status");
        _insertEvent = Prepare(connection, "INSERT INTO events (event_id, task_id, sequence, status) VALUES ($event, $id, $sequence, $status)", "$event", "$id", "$sequence", "$status");
        _setWatermark = Prepare(connection, "UPDATE meta SET value = $value WHERE key = 'published_through'", "$value");
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
        p[0].Value = task.TaskId;
        p[1].Value = task.AcceptOrder;
        p[2].Value = task.ContentHash;
        p[3].Value = task.SubmitJson;
        p[4].Value = (object?)status.RobotId ?? DBNull.Value;
        p[5].Value = status.State.ToString();
        p[6].Value = (object?)status.Step ?? DBNull.Value;
        p[7].Value = status.Sequence;
        p[8].Value = Contracts.Tasks.TaskStateExtensions.IsFinal(status.State) ? 1 : 0;
        p[9].Value = (object?)task.ResponseTopic ?? DBNull.Value;
        p[10].Value = (object?)task.Correlation ?? DBNull.Value;
        p[11].Value = status.At;
        p[12].Value = status.Payload;
        _insertTask.ExecuteNonQuery();
    }

    public void UpdateTask(string taskId, JournalStatus status)
    {
        var p = _updateTask.Parameters;
        p[0].Value = taskId;
        p[1].Value = (object?)status.RobotId ?? DBNull.Value;
        p[2].Value = status.State.ToString();
        p[3].Value = (object?)status.Step ?? DBNull.Value;
        p[4].Value = status.Sequence;
        p[5].Value = Contracts.Tasks.TaskStateExtensions.IsFinal(status.State) ? 1 : 0;
        p[6].Value = status.At;
        p[7].Value = status.Payload;
        _updateTask.ExecuteNonQuery();
    }

    public void InsertEvent(string taskId, JournalStatus status)
    {
        var p = _insertEvent.Parameters;
        p[0].Value = status.EventId;
        p[1].Value = taskId;
        p[2].Value = status.Sequence;
        p[3].Value = status.Payload;
        _insertEvent.ExecuteNonQuery();
    }

    public void SetWatermark(long value)
    {
        _setWatermark.Parameters[0].Value = value;
        _setWatermark.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insertTask.Dispose();
        _updateTask.Dispose();
        _insertEvent.Dispose();
        _setWatermark.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }
}
