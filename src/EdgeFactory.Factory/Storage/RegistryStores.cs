using Npgsql;

namespace EdgeFactory.Factory.Storage;

/// <summary>Opens the registry store a <c>--db</c> value names: a SQLite file path, or a <c>postgres://user[:password]@host[:port]/database</c> URL.</summary>
public static class RegistryStores
{
    /// <summary>Opens (and creates the tables of) the store named by <paramref name="db"/>.</summary>
    public static async Task<IRegistryStore> OpenAsync(string db, CancellationToken cancellationToken)
    {
        var store = new SqlRegistryStore(FactoryDatabase.Open(db));
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

            // The stores change no session state (no SET, LISTEN, cursors, advisory locks or temporary tables), so a
            // connection going back to the pool needs no reset; without this, each one's next use first runs seven
            // reset statements (a transaction left open is still rolled back).
            NoResetOnClose = true,
        };
        if (uri.UserInfo.Split(':', 2) is [_, var password])
        {
            builder.Password = Uri.UnescapeDataString(password);
        }

        return builder.ToString();
    }
}
