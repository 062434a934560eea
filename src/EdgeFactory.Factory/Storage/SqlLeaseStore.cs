namespace EdgeFactory.Factory.Storage;

/// <summary>Leases on ADO.NET: one upsert whose condition (free, lapsed, or ours) decides, atomically in either engine.</summary>
internal sealed class SqlLeaseStore(FactoryDatabase database) : ILeaseStore
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        await SqlCommands.ExecuteAsync(
            connection, null, "CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_ms BIGINT NOT NULL, term BIGINT NOT NULL)", [], cancellationToken).ConfigureAwait(false);
    }

    public async Task<LeaseRecord?> TryAcquireAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        var rows = await SqlCommands.QueryAsync(
            connection,
            null,
            """
            INSERT INTO leases (name, holder, expires_ms, term) VALUES (@name, @holder, @expires, 1)
            ON CONFLICT (name) DO UPDATE SET
              holder = excluded.holder,
              expires_ms = excluded.expires_ms,
              term = CASE WHEN leases.holder = excluded.holder AND leases.expires_ms > @now THEN leases.term ELSE leases.term + 1 END
            WHERE leases.holder = excluded.holder OR leases.expires_ms <= @now
            RETURNING name, holder, expires_ms, term
            """,
            [("name", name), ("holder", holder), ("expires", (now + duration).ToUnixTimeMilliseconds()), ("now", now.ToUnixTimeMilliseconds())],
            r => new LeaseRecord(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetInt64(3)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        await SqlCommands.ExecuteAsync(connection, null, "UPDATE leases SET expires_ms = 0 WHERE name = @name AND holder = @holder", [("name", name), ("holder", holder)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<LeaseRecord?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        var rows = await SqlCommands.QueryAsync(
            connection,
            null,
            "SELECT name, holder, expires_ms, term FROM leases WHERE name = @name",
            [("name", name)],
            r => new LeaseRecord(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetInt64(3)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public ValueTask DisposeAsync() => database.Dispose?.Invoke() ?? ValueTask.CompletedTask;
}
