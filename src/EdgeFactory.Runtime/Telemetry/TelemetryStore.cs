using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Telemetry;
using Microsoft.Data.Sqlite;

namespace EdgeFactory.Runtime.Telemetry;

/// <summary>
/// The edge's telemetry windows on disk (SQLite, <c>synchronous=FULL</c>): a window gets its sequence and is committed
/// before anyone may publish it, and is deleted only once the broker acknowledged it. Sequences come from a counter
/// that never goes back, so a number is never reused. Past its bound the oldest windows not in flight are merged into
/// summaries (<see cref="WindowMerge"/>), never dropped. Not thread-safe: one owner (<see cref="TelemetryAgent"/>) calls it under its lock.
/// </summary>
internal sealed class TelemetryStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _deviceId;
    private readonly string _siteId;

    private TelemetryStore(SqliteConnection connection, string deviceId, string siteId) =>
        (_connection, _deviceId, _siteId) = (connection, deviceId, siteId);

    /// <summary>Windows stored and not yet acknowledged.</summary>
    public long Backlog => Scalar("SELECT COUNT(*) FROM windows");

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public static TelemetryStore Open(string path, string deviceId, string siteId)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var store = new TelemetryStore(connection, deviceId, siteId);
        store.Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS windows (sequence INTEGER PRIMARY KEY, first_sequence INTEGER NOT NULL, payload BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            INSERT INTO meta (key, value) VALUES ('last_sequence', 0) ON CONFLICT (key) DO NOTHING;
            """);
        return store;
    }

    /// <summary>Numbers <paramref name="window"/>, commits it and returns the message as it will be published.</summary>
    public TelemetryWindowMessage Append(ClosedWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        using var transaction = _connection.BeginTransaction();
        var sequence = Scalar("UPDATE meta SET value = value + 1 WHERE key = 'last_sequence' RETURNING value", transaction);
        var message = new TelemetryWindowMessage(_deviceId, _siteId, sequence, window.Start, window.End, window.Robots, window.EmergencyStops, Scalar("SELECT COUNT(*) FROM windows", transaction));
        Insert(message, transaction);
        transaction.Commit();
        return message;
    }

    /// <summary>Up to <paramref name="max"/> stored windows after <paramref name="afterSequence"/>, in sequence order.</summary>
    public IReadOnlyList<StoredWindow> After(long afterSequence, int max)
    {
        using var command = Command("SELECT sequence, payload FROM windows WHERE sequence > $after ORDER BY sequence LIMIT $max", null, ("$after", afterSequence), ("$max", max));
        using var reader = command.ExecuteReader();
        var windows = new List<StoredWindow>();
        while (reader.Read())
        {
            windows.Add(new StoredWindow(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return windows;
    }

    /// <summary>The broker acknowledged every window through <paramref name="sequence"/>: they are let go of.</summary>
    public void Acknowledge(long sequence)
    {
        using var command = Command("DELETE FROM windows WHERE sequence <= $sequence", null, ("$sequence", sequence));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// While more than <paramref name="bound"/> windows are stored, merges the oldest <paramref name="batch"/> of those
    /// after <paramref name="inFlightThrough"/> (never one a publish may still be carrying) into one; returns the windows merged away.
    /// </summary>
    public int Compact(int bound, int batch, long inFlightThrough)
    {
        var merged = 0;
        while (Backlog > bound)
        {
            using var transaction = _connection.BeginTransaction();
            var oldest = new List<TelemetryWindowMessage>();
            using (var command = Command("SELECT payload FROM windows WHERE sequence > $after ORDER BY sequence LIMIT $max", transaction, ("$after", inFlightThrough), ("$max", batch)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    oldest.Add(JsonSerializer.Deserialize((byte[])reader.GetValue(0), ContractsJsonContext.Default.TelemetryWindowMessage)!);
                }
            }

            if (oldest.Count < 2)
            {
                return merged;
            }

            var summary = WindowMerge.Merge(oldest);
            using (var delete = Command("DELETE FROM windows WHERE sequence >= $first AND sequence <= $last", transaction, ("$first", oldest[0].Sequence), ("$last", oldest[^1].Sequence)))
            {
                delete.ExecuteNonQuery();
            }

            Insert(summary, transaction);
            transaction.Commit();
            merged += oldest.Count - 1;
        }

        return merged;
    }

    public void Dispose() => _connection.Dispose();

    private void Insert(TelemetryWindowMessage message, SqliteTransaction transaction)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, ContractsJsonContext.Default.TelemetryWindowMessage);
        using var command = Command(
            "INSERT INTO windows (sequence, first_sequence, payload) VALUES ($sequence, $first, $payload)",
            transaction,
            ("$sequence", message.Sequence),
            ("$first", message.Summary?.FirstSequence ?? message.Sequence),
            ("$payload", payload));
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(sql, transaction);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = Command(sql, null);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
