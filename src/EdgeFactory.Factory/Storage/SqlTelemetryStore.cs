using System.Data.Common;
using System.Text;

namespace EdgeFactory.Factory.Storage;

/// <summary>Telemetry windows on ADO.NET: one SQL text for SQLite and PostgreSQL; the (site, device, sequence) key makes storing idempotent.</summary>
internal sealed partial class SqlTelemetryStore(FactoryDatabase database) : ITelemetryStore
{
    // {key}: PostgreSQL compares the key's text bytewise (COLLATE "C", as SQLite does by default) instead of by the
    // database's locale, which makes each index search cheaper; identifiers need no locale order.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS telemetry_windows (
          site TEXT{key} NOT NULL, device TEXT{key} NOT NULL, sequence BIGINT NOT NULL, first_sequence BIGINT NOT NULL,
          window_start_ms BIGINT NOT NULL, window_end_ms BIGINT NOT NULL, stored_ms BIGINT NOT NULL, payload TEXT NOT NULL,
          PRIMARY KEY (site, device, sequence));
        """;

    private const string Columns = "site, device, sequence, first_sequence, window_start_ms, window_end_ms, stored_ms, payload";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        var schema = Schema.Replace("{key}", database.Dialect == SqlDialect.Postgres ? " COLLATE \"C\"" : string.Empty, StringComparison.Ordinal);
        await SqlCommands.ExecuteAsync(connection, null, schema, [], cancellationToken).ConfigureAwait(false);
    }

    public async Task<TelemetryStoreOutcome> StoreAsync(TelemetryWindowRecord window, CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);

        // One round trip in the common case: stored unless a window covering any of the same sequences is there already.
        var added = await SqlCommands.ExecuteAsync(
            connection,
            null,
            $"""
            INSERT INTO telemetry_windows ({Columns})
            SELECT @site, @device, @sequence, @first, @start, @end, @stored, @payload
            WHERE NOT EXISTS (SELECT 1 FROM telemetry_windows WHERE site = @site AND device = @device AND first_sequence <= @sequence AND sequence >= @first)
            ON CONFLICT (site, device, sequence) DO NOTHING
            """,
            [
                ("site", window.Site), ("device", window.Device), ("sequence", window.Sequence), ("first", window.FirstSequence),
                ("start", window.WindowStart.ToUnixTimeMilliseconds()), ("end", window.WindowEnd.ToUnixTimeMilliseconds()),
                ("stored", window.StoredAt.ToUnixTimeMilliseconds()), ("payload", Encoding.UTF8.GetString(window.Payload.Span)),
            ],
            cancellationToken).ConfigureAwait(false);
        if (added == 1)
        {
            return TelemetryStoreOutcome.Stored;
        }

        return await NotStoredAsync(connection, null, window, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TelemetryDeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        return await SqlCommands.QueryAsync(
            connection,
            null,
            "SELECT site, device, MAX(sequence), SUM(sequence - first_sequence + 1), MAX(window_end_ms) FROM telemetry_windows GROUP BY site, device ORDER BY site, device",
            [],
            r =>
            {
                var highest = r.GetInt64(2);
                var windows = Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture);
                return new TelemetryDeviceRecord(r.GetString(0), r.GetString(1), highest, windows, highest - windows, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SequenceGap>> ListGapsAsync(string site, string device, CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        var ranges = await SqlCommands.QueryAsync(
            connection,
            null,
            "SELECT first_sequence, sequence FROM telemetry_windows WHERE site = @site AND device = @device ORDER BY sequence",
            [("site", site), ("device", device)],
            r => (First: r.GetInt64(0), Last: r.GetInt64(1)),
            cancellationToken).ConfigureAwait(false);
        var gaps = new List<SequenceGap>();
        var next = 1L;
        foreach (var (first, last) in ranges)
        {
            if (first > next)
            {
                gaps.Add(new SequenceGap(next, first - 1));
            }

            next = Math.Max(next, last + 1);
        }

        return gaps;
    }

    public async Task<IReadOnlyList<TelemetryWindowRecord>> ListWindowsAsync(string site, string device, long afterSequence, CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        return await SqlCommands.QueryAsync(
            connection,
            null,
            $"SELECT {Columns} FROM telemetry_windows WHERE site = @site AND device = @device AND sequence > @after ORDER BY sequence",
            [("site", site), ("device", device), ("after", afterSequence)],
            Read,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TelemetryWindowRecord>> ListWindowsEndingAsync(string site, string device, DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var scope = connection.ConfigureAwait(false);
        return await SqlCommands.QueryAsync(
            connection,
            null,
            $"SELECT {Columns} FROM telemetry_windows WHERE site = @site AND device = @device AND window_end_ms > @after AND window_end_ms <= @until ORDER BY sequence",
            [("site", site), ("device", device), ("after", after.ToUnixTimeMilliseconds()), ("until", until.ToUnixTimeMilliseconds())],
            Read,
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => database.Dispose?.Invoke() ?? ValueTask.CompletedTask;

    // Not stored: the same window again is a duplicate, any other covering one (a summary) an overlap.
    private static async Task<TelemetryStoreOutcome> NotStoredAsync(DbConnection connection, DbTransaction? transaction, TelemetryWindowRecord window, CancellationToken cancellationToken)
    {
        var covering = await SqlCommands.QueryAsync(
            connection,
            transaction,
            "SELECT sequence, first_sequence FROM telemetry_windows WHERE site = @site AND device = @device AND first_sequence <= @last AND sequence >= @first",
            [("site", window.Site), ("device", window.Device), ("first", window.FirstSequence), ("last", window.Sequence)],
            r => (Sequence: r.GetInt64(0), First: r.GetInt64(1)),
            cancellationToken).ConfigureAwait(false);
        return covering.Count == 0 || covering.Any(c => c.Sequence == window.Sequence && c.First == window.FirstSequence)
            ? TelemetryStoreOutcome.Duplicate
            : TelemetryStoreOutcome.Overlap;
    }

    private static TelemetryWindowRecord Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)), Encoding.UTF8.GetBytes(r.GetString(7)));
}
