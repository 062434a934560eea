using System.Data.Common;
using EdgeFactory.Contracts.Devices;

namespace EdgeFactory.Factory.Storage;

/// <summary>The registry store on ADO.NET: one SQL text for SQLite and PostgreSQL, with the differences in <see cref="SqlDialect"/>.</summary>
internal sealed partial class SqlRegistryStore : IRegistryStore
{
    private readonly FactoryDatabase _database;
    private readonly SqlDialect _dialect;

    public SqlRegistryStore(FactoryDatabase database)
    {
        _database = database;
        _dialect = database.Dialect;
    }

    public string Engine => _dialect.Name;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        if (_dialect == SqlDialect.Sqlite)
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", [], cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, _dialect.Schema, [], cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AddPackageAsync(PackageRecord package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var added = await ExecuteAsync(
            connection,
            "INSERT INTO packages (name, version, digest, passport, signature, at_ms) VALUES (@name, @version, @digest, @passport, @signature, @at) ON CONFLICT (name, version) DO NOTHING",
            [("name", package.Name), ("version", package.Version), ("digest", package.Digest), ("passport", package.Passport), ("signature", package.Signature), ("at", package.At.ToUnixTimeMilliseconds())],
            cancellationToken).ConfigureAwait(false);
        return added == 1;
    }

    public async Task<PackageRecord?> FindPackageAsync(string name, string version, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(
            "SELECT name, version, digest, passport, signature, at_ms FROM packages WHERE name = @name AND version = @version",
            [("name", name), ("version", version)], ReadPackage, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<PackageRecord>> ListPackagesAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT name, version, digest, passport, signature, at_ms FROM packages ORDER BY name, at_ms", [], ReadPackage, cancellationToken);

    public async Task SetAssignmentAsync(AssignmentRecord assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            """
            INSERT INTO assignments (site, device, slot, name, version, rollback_allowed) VALUES (@site, @device, @slot, @name, @version, @rollback)
            ON CONFLICT (site, device, slot) DO UPDATE SET name = excluded.name, version = excluded.version, rollback_allowed = excluded.rollback_allowed
            """,
            [("site", assignment.Site), ("device", assignment.Device), ("slot", assignment.Slot), ("name", assignment.Name), ("version", assignment.Version), ("rollback", assignment.RollbackAllowed)],
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<AssignmentRecord>> ListAssignmentsAsync(string site, string device, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT site, device, slot, name, version, rollback_allowed FROM assignments WHERE site = @site AND device = @device ORDER BY slot",
            [("site", site), ("device", device)],
            r => new AssignmentRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5)),
            cancellationToken);

    public Task<IReadOnlyList<(string Site, string Device)>> ListAssignedDevicesAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT DISTINCT site, device FROM assignments ORDER BY site, device", [], r => (r.GetString(0), r.GetString(1)), cancellationToken);

    public async Task<bool> AddRevocationAsync(ModelRevocation revocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            "INSERT INTO revocations (name, version, reason, at_ms) VALUES (@name, @version, @reason, @at) ON CONFLICT (name, version) DO NOTHING",
            [("name", revocation.ModelId), ("version", revocation.Version), ("reason", revocation.Reason), ("at", revocation.At.ToUnixTimeMilliseconds())],
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<ModelRevocation>> ListRevocationsAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT name, version, reason, at_ms FROM revocations ORDER BY at_ms, name, version",
            [],
            r => new ModelRevocation(r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))),
            cancellationToken);

    public async Task<long> NextRevisionAsync(CancellationToken cancellationToken)
    {
        var values = await QueryAsync(_dialect.NextRevision, [], r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);
        return values[0];
    }

    public async Task<long> RecordAsync(DecisionRecord decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var values = await QueryAsync(
            "INSERT INTO decisions (at_ms, actor, action, subject, detail) VALUES (@at, @actor, @action, @subject, @detail) RETURNING sequence",
            [("at", decision.At.ToUnixTimeMilliseconds()), ("actor", decision.Actor), ("action", decision.Action), ("subject", decision.Subject), ("detail", decision.Detail)],
            r => r.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return values[0];
    }

    public Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(long afterSequence, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT sequence, at_ms, actor, action, subject, detail FROM decisions WHERE sequence > @after ORDER BY sequence",
            [("after", afterSequence)],
            r => new DecisionRecord(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)),
            cancellationToken);

    public ValueTask DisposeAsync() => _database.Dispose?.Invoke() ?? ValueTask.CompletedTask;

    private static PackageRecord ReadPackage(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => SqlCommands.OpenAsync(_database, cancellationToken);

    private static Task<int> ExecuteAsync(DbConnection connection, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        SqlCommands.ExecuteAsync(connection, transaction, sql, parameters, cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await SqlCommands.QueryAsync(connection, null, sql, parameters, read, cancellationToken).ConfigureAwait(false);
    }
}
