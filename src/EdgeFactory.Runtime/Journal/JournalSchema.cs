using Microsoft.Data.Sqlite;

namespace EdgeFactory.Runtime.Journal;

/// <summary>The journal's tables and connection settings.</summary>
internal static class JournalSchema
{
    public const int Version = 1;

    // WAL lets the intake read while the writer commits; synchronous=FULL makes each commit survive a power cut,
    // which an edge device on a factory line will see. Batching keeps the fsyncs few.
    private const string Pragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA foreign_keys = OFF;
        PRAGMA busy_timeout = 5000;
        """;

    private const string Tables = """
        PRAGMA auto_vacuum = INCREMENTAL;
        CREATE TABLE IF NOT EXISTS tasks (
            task_id TEXT PRIMARY KEY,
            accept_order INTEGER NOT NULL,
            content_hash BLOB NOT NULL,
            submit_json BLOB NOT NULL,
            robot_id TEXT,
            state TEXT NOT NULL,
            step TEXT,
            sequence INTEGER NOT NULL,
            final INTEGER NOT NULL,
            response_topic TEXT,
            correlation BLOB,
            accepted_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            last_status BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS tasks_open ON tasks (final, accept_order);
        CREATE INDEX IF NOT EXISTS tasks_retention ON tasks (final, updated_at);
        CREATE TABLE IF NOT EXISTS events (
            event_id INTEGER PRIMARY KEY,
            task_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            status BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS events_task ON events (task_id);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', 1), ('published_through', 0);
        """;

    public static SqliteConnection Open(string path, bool create, bool syncFull = true)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, Pragmas);
        Execute(connection, syncFull ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
        if (create)
        {
            Execute(connection, Tables);
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
            var version = Convert.ToInt32(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version != Version)
            {
                connection.Dispose();
                throw new InvalidOperationException($"Journal '{path}' has schema version {version}; this build reads version {Version}. Move it aside or upgrade the runtime.");
            }
        }

        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
