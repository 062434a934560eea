using Microsoft.Data.Sqlite;
using Npgsql;

namespace EdgeFactory.Factory.Storage;

/// <summary>Opens the registry store a <c>--db</c> value names: a SQLite file path, or a <c>postgres://user[:password]@host[:port]/database</c> URL.</summary>
public static class RegistryStores
{
    /// <summary>Opens (and creates the tables of) the store named by <paramref name="db"/>.</summary>
    public static async Task<IRegistryStore> OpenAsync(string db, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        IRegistryStore store;
        if (db.StartsWith("postgres://", StringComparison.Ordinal) || db.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            var source = NpgsqlDataSource.Create(PostgresConnectionString(db));
            store = new SqlRegistryStore(source.CreateConnection, SqlDialect.Postgres, source.DisposeAsync);
        }
        else
        {
            var path = Path.GetFullPath(db);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
            store = new SqlRegistryStore(() => new SqliteConnection(connectionString), SqlDialect.Sqlite);
        }

        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Turns a <c>postgres://</c> URL into an Npgsql connection string.</summary>
    public static string PostgresConnectionString(string url)
    {
        var uri = new Uri(url);
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[0]);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } database ? database : "postgres",
            Username = user.Length > 0 ? user : "postgres",
        };
        if (uri.UserInfo.Split(':', 2) is [_, var password])
        {
            builder.Password = Uri.UnescapeDataString(password);
        }

        return builder.ToString();
    }
}
