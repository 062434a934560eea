using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgeFactory.Runtime.Journal.Native;

/// <summary>
/// One statement prepared once on the journal writer's connection and run many times through SQLite's own API:
/// values are bound by index (found once from each parameter's name) straight from spans, so a run allocates nothing,
/// where a command of Microsoft.Data.Sqlite makes a binder per parameter and a reader per run. It runs inside
/// whatever transaction the connection has open. Not thread-safe: the writer's thread alone uses it.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    /// <summary>Prepares <paramref name="sql"/> on <paramref name="connection"/>, which must be open.</summary>
    public PreparedStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The journal's connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Where parameter <paramref name="name"/> (with its <c>$</c>) is bound.</summary>
    public int Index(string name) =>
        IndexOrZero(name) is > 0 and var index ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));

    /// <summary>Where parameter <paramref name="name"/> is bound; 0 (which no value can be bound to) when the statement has none.</summary>
    public int IndexOrZero(string name) => raw.sqlite3_bind_parameter_index(_statement, name);

    /// <summary>Binds an integer.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds text, or NULL for null.</summary>
    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    /// <summary>Binds a blob, or NULL for null (an empty array is an empty blob, not NULL).</summary>
    public void Bind(int index, byte[]? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_blob(_statement, index, value.AsSpan()));

    /// <summary>Runs the statement to its end and resets it for the next run; throws <see cref="SqliteException"/> as a command would.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(_statement);

        // Reset whatever happened, so the next run (or a rollback) finds the statement idle.
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(_db));
        }
    }
}
