using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Execution;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Journal;

/// <summary>
/// The site's durable record of accepted tasks and every status event, in SQLite (WAL). One writer thread commits
/// whatever has queued up as one transaction, so a caller waits for one fsync shared with everyone who wrote
/// meanwhile: durability before every ack holds at thousands of tasks per second. Committed statuses go from the
/// writer to the <see cref="OutboxQueue"/>; the outbox sends back how far the broker acknowledged them
/// (<see cref="MarkPublishedThrough"/>), and events after that mark are sent again after a restart (docs/runtime.md).
/// </summary>
internal sealed partial class TaskJournal : IDisposable
{
    private readonly SqliteConnection _reader;
    private readonly JournalWriter _writer;
    private readonly object _readGate = new();
    private SqliteCommand? _find;
    private long _lastAcceptOrder;

    private TaskJournal(string path, SqliteConnection writerConnection, SqliteConnection reader, OutboxQueue? committed, ILogger logger)
    {
        Path = path;
        _reader = reader;
        _lastAcceptOrder = Scalar($"SELECT COALESCE(MAX({TaskColumns.AcceptOrder}), 0) FROM tasks");
        PublishedThrough = Scalar("SELECT value FROM meta WHERE key = 'published_through'");
        _writer = new JournalWriter(writerConnection, Scalar("SELECT COALESCE(MAX(event_id), 0) FROM events"), PublishedThrough, committed, logger);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Outbox mark read at open: every event up to it was acknowledged by the broker.</summary>
    public long PublishedThrough { get; }

    /// <summary>Transactions committed.</summary>
    public long Commits => _writer.Commits;

    /// <summary>Entries written.</summary>
    public long EntriesWritten => _writer.Entries;

    /// <summary>Opens (creating if needed) the journal at <paramref name="path"/>; committed statuses go to <paramref name="committed"/>.</summary>
    public static TaskJournal Open(string path, ILogger logger, bool syncFull = true, OutboxQueue? committed = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var writerConnection = JournalSchema.Open(path, create: true, syncFull);
        return new TaskJournal(path, writerConnection, JournalSchema.Open(path, create: false), committed, logger);
    }

    /// <summary>Next order number for an accepted task.</summary>
    public long NextAcceptOrder() => Interlocked.Increment(ref _lastAcceptOrder);

    /// <summary>From the outbox alone: the broker acknowledged every event up to <paramref name="eventId"/>.</summary>
    public void MarkPublishedThrough(long eventId) => _writer.MarkPublishedThrough(eventId);

    /// <summary>Queues <paramref name="entry"/>; completes once it is committed to disk.</summary>
    public Task AppendAsync(JournalEntry entry) => _writer.Append(entry);

    /// <summary>Queues the removal of final tasks last updated before <paramref name="cutoff"/>; completes with how many went.</summary>
    public Task<int> PurgeAsync(DateTimeOffset cutoff) => _writer.Purge(cutoff.ToUnixTimeMilliseconds());

    /// <summary>The task with <paramref name="taskId"/>, or null when the journal has none.</summary>
    public JournaledTask? Find(string taskId)
    {
        lock (_readGate)
        {
            // Asked for every new submission (idempotency): prepared once.
            if (_find is null)
            {
                _find = _reader.CreateCommand();
                _find.CommandText = $"SELECT {TaskColumns.ReadList} FROM tasks WHERE {TaskColumns.TaskId} = $id";
                _find.Parameters.Add(new SqliteParameter("$id", SqliteType.Text));
            }

            _find.Parameters[0].Value = taskId;
            using var row = _find.ExecuteReader();
            return row.Read() ? ReadTask(row) : null;
        }
    }

    /// <summary>Every task not yet final, in acceptance order.</summary>
    public IReadOnlyList<JournaledTask> OpenTasks()
    {
        lock (_readGate)
        {
            using var command = _reader.CreateCommand();
            command.CommandText = $"SELECT {TaskColumns.ReadList} FROM tasks WHERE {TaskColumns.Final} = 0 ORDER BY {TaskColumns.AcceptOrder}";
            using var row = command.ExecuteReader();
            var tasks = new List<JournaledTask>();
            while (row.Read())
            {
                tasks.Add(ReadTask(row));
            }

            return tasks;
        }
    }

    /// <summary>
    /// Events after <see cref="PublishedThrough"/>, in order, for re-publication at start; the mark moves past them only
    /// once the outbox saw them acknowledged, so a second crash before that sends them once more.
    /// </summary>
    public IReadOnlyList<JournalEvent> UnpublishedEvents()
    {
        lock (_readGate)
        {
            using var command = _reader.CreateCommand();
            command.CommandText = $"""
                SELECT e.event_id, e.task_id, e.status, t.{TaskColumns.ResponseTopic}, t.{TaskColumns.Correlation}
                FROM events e LEFT JOIN tasks t ON t.{TaskColumns.TaskId} = e.task_id
                WHERE e.event_id > $after ORDER BY e.event_id
                """;
            command.Parameters.AddWithValue("$after", PublishedThrough);
            using var row = command.ExecuteReader();
            var events = new List<JournalEvent>();
            while (row.Read())
            {
                events.Add(new JournalEvent(row.GetInt64(0), row.GetString(1), (byte[])row[2], row.IsDBNull(3) ? null : row.GetString(3), row.IsDBNull(4) ? null : (byte[])row[4]));
            }

            return events;
        }
    }

    /// <summary>Count of status events of <paramref name="taskId"/>; for tests.</summary>
    public long EventCount(string taskId)
    {
        lock (_readGate)
        {
            using var command = _reader.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM events WHERE task_id = $id";
            command.Parameters.AddWithValue("$id", taskId);
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>Stops the writer after it committed what is queued, and closes the database.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        lock (_readGate)
        {
            _find?.Dispose();
            _reader.Dispose();
        }
    }

    private static JournaledTask ReadTask(SqliteDataReader row) => new(
        row.GetString(TaskColumns.Ordinal(TaskColumns.TaskId)),
        row.GetInt64(TaskColumns.Ordinal(TaskColumns.AcceptOrder)),
        (byte[])row[TaskColumns.Ordinal(TaskColumns.ContentHash)],
        (byte[])row[TaskColumns.Ordinal(TaskColumns.SubmitJson)],
        Text(row, TaskColumns.RobotId),
        Enum.Parse<TaskState>(row.GetString(TaskColumns.Ordinal(TaskColumns.State))),
        Text(row, TaskColumns.Step),
        row.GetInt64(TaskColumns.Ordinal(TaskColumns.Sequence)),
        Text(row, TaskColumns.ResponseTopic),
        row.IsDBNull(TaskColumns.Ordinal(TaskColumns.Correlation)) ? null : (byte[])row[TaskColumns.Ordinal(TaskColumns.Correlation)],
        row.GetInt64(TaskColumns.Ordinal(TaskColumns.AcceptedAt)),
        (byte[])row[TaskColumns.Ordinal(TaskColumns.LastStatus)]);

    private static string? Text(SqliteDataReader row, string column) =>
        row.IsDBNull(TaskColumns.Ordinal(column)) ? null : row.GetString(TaskColumns.Ordinal(column));

    private long Scalar(string sql)
    {
        lock (_readGate)
        {
            using var command = _reader.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
