using Microsoft.Data.Sqlite;

namespace EdgeFactory.Runtime.Journal;

/// <summary>
/// Forward migrations of the journal, one per version. A journal is created at version 1 and brought up to
/// <see cref="Latest"/> by the same steps an older journal takes, so every step runs on every new journal too.
/// A journal newer than this build is refused: its meaning is unknown here.
/// </summary>
internal static class JournalMigrations
{
    // Steps[i] takes a journal from version i + 1 to i + 2, inside one transaction with the version change.
    private static readonly string[] Steps =
    [
        // 2: events are counted and read per task in sequence order; one index serves both.
        """
        DROP INDEX IF EXISTS events_task;
        CREATE INDEX IF NOT EXISTS events_task_sequence ON events (task_id, sequence);
        """,

        // 3: each index holds only the rows it is asked for: open tasks in acceptance order (recovery), final tasks by
        // their last update (retention). A status of an open task then touches neither, where the whole-table
        // retention index moved an entry for every status (its update time changed).
        $"""
        DROP INDEX IF EXISTS tasks_open;
        DROP INDEX IF EXISTS tasks_retention;
        CREATE INDEX tasks_open ON tasks ({TaskColumns.AcceptOrder}) WHERE {TaskColumns.Final} = 0;
        CREATE INDEX tasks_retention ON tasks ({TaskColumns.UpdatedAt}) WHERE {TaskColumns.Final} = 1;
        """,
    ];

    /// <summary>The version this build writes.</summary>
    public static int Latest => Steps.Length + 1;

    /// <summary>Brings the journal on <paramref name="connection"/> from its version to <see cref="Latest"/>; returns the version it found.</summary>
    public static int Upgrade(SqliteConnection connection, string path)
    {
        var version = Version(connection);
        if (version > Latest)
        {
            throw new InvalidOperationException($"Journal '{path}' has schema version {version}; this build reads versions up to {Latest}. Run a newer edge on it, or move it aside.");
        }

        for (var from = version; from < Latest; from++)
        {
            using var transaction = connection.BeginTransaction();
            using (var step = connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = Steps[from - 1] + $"\nUPDATE meta SET value = {from + 1} WHERE key = 'schema_version';";
                step.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return version;
    }

    private static int Version(SqliteConnection connection)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        return Convert.ToInt32(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
