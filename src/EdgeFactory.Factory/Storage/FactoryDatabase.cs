using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EdgeFactory.Factory.Storage;

/// <summary>How a store reaches the database a <c>--db</c> value names: its connections, its dialect and what to release at the end.</summary>
internal sealed record FactoryDatabase(Func<DbConnection> Connect, SqlDialect Dialect, Func<ValueTask>? Dispose)
{
    /// <summary>A SQLite file path, or a <c>postgres://</c> URL.</summary>
    public static FactoryDatabase Open(string db)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        if (db.StartsWith("postgres://", StringComparison.Ordinal) || db.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            var source = NpgsqlDataSource.Create(RegistryStores.PostgresConnectionString(db));
            return new FactoryDatabase(source.CreateConnection, SqlDialect.Postgres, source.DisposeAsync);
        }

        var path = Path.GetFullPath(db);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        return new FactoryDatabase(() => new SqliteConnection(connectionString), SqlDialect.Sqlite, null);
    }
}
