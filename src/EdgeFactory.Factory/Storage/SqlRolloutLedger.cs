using System.Text.Json;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Rollout.Waves;

namespace EdgeFactory.Factory.Storage;

/// <summary>Rollouts on ADO.NET, one JSON document per rollout: the controller reads and writes whole rollouts, never parts of one.</summary>
internal sealed class SqlRolloutLedger(FactoryDatabase database) : IRolloutLedger
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        await SqlCommands.ExecuteAsync(
            connection, null, "CREATE TABLE IF NOT EXISTS rollouts (id TEXT PRIMARY KEY, started_ms BIGINT NOT NULL, document TEXT NOT NULL)", [], cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RolloutStatus>> ListRolloutsAsync(CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        return await SqlCommands.QueryAsync(connection, null, "SELECT document FROM rollouts ORDER BY started_ms DESC, id", [], Read, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RolloutStatus?> FindRolloutAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        var rows = await SqlCommands.QueryAsync(connection, null, "SELECT document FROM rollouts WHERE id = @id", [("id", id)], Read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task SaveRolloutAsync(RolloutStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        await SqlCommands.ExecuteAsync(
            connection,
            null,
            "INSERT INTO rollouts (id, started_ms, document) VALUES (@id, @started, @document) ON CONFLICT (id) DO UPDATE SET document = excluded.document",
            [("id", status.Spec.Id), ("started", status.Spec.StartedAt.ToUnixTimeMilliseconds()), ("document", JsonSerializer.Serialize(status, FactoryJson.Default.RolloutStatus))],
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => database.Dispose?.Invoke() ?? ValueTask.CompletedTask;

    private static RolloutStatus Read(System.Data.Common.DbDataReader reader) =>
        JsonSerializer.Deserialize(reader.GetString(0), FactoryJson.Default.RolloutStatus)
            ?? throw new InvalidDataException("A stored rollout is empty.");
}
