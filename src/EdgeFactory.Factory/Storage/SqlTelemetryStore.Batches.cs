using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace EdgeFactory.Factory.Storage;

/// <summary>
/// Batches of windows: atomically, one multi-row statement per round (on PostgreSQL a batch of one round is that one
/// statement in its own transaction; otherwise the rounds share one). A round holds windows that overlap no
/// other window of the round, so the statement's own check against stored windows decides each of them; a window that
/// repeats or overlaps an earlier one of the batch waits for the next round, which sees the rows of the rounds before.
/// Rows go in key order in every batch, so concurrent batches take their row locks in the same order.
/// </summary>
internal sealed partial class SqlTelemetryStore
{
    private static readonly ConcurrentDictionary<(int Rows, bool Returning), string> BatchSql = new();

    // Both forms of the batch statement end the same way: store each window that overlaps nothing stored, in key order.
    // No ON CONFLICT clause: the check already passes over every row with the key that the transaction sees (committed,
    // or stored by an earlier round), so only a concurrent batch that stores the same window first can collide, and that
    // fails this batch with a unique violation; the ingest then stores each window alone, where ON CONFLICT decides.
    // (An ON CONFLICT clause costs PostgreSQL one more index search for every row.)
    private const string InsertFromBatch = $"""
        INSERT INTO telemetry_windows ({Columns})
        SELECT {Columns} FROM batch b
        WHERE NOT EXISTS (SELECT 1 FROM telemetry_windows t WHERE t.site = b.site AND t.device = b.device AND t.first_sequence <= b.sequence AND t.sequence >= b.first_sequence)
        ORDER BY site, device, sequence
        """;

    private const string Returning = "\nRETURNING site, device, sequence";

    // PostgreSQL: the batch's rows as column arrays; the payloads travel as they were received, one UTF-8 byte string
    // cut at offsets and lengths, and become text on the server (checked as UTF-8 there, as a text parameter would be).
    private const string BatchRows = """
        WITH batch (site, device, sequence, first_sequence, window_start_ms, window_end_ms, stored_ms, payload) AS (
          SELECT s, d, q, f, a, b, t, convert_from(substring(@p::bytea FROM o FOR l), 'UTF8')
          FROM unnest(@s::text[], @d::text[], @q::bigint[], @f::bigint[], @a::bigint[], @b::bigint[], @t::bigint[], @o::int[], @l::int[]) AS u (s, d, q, f, a, b, t, o, l))
        """;

    // The batch statement over column arrays (PostgreSQL), the same check as the row form below.
    private const string ColumnsBatch = $"""
        {BatchRows}
        {InsertFromBatch}
        """;

    // PostgreSQL, a batch of one round: one statement on its own (its own transaction, so no BEGIN and COMMIT round
    // trips) whose first row counts the windows stored; only when that is fewer than the round does it list them.
    private const string ColumnsBatchAlone = $"""
        {BatchRows},
        stored AS (
        {InsertFromBatch}
        RETURNING site, device, sequence)
        SELECT NULL, NULL, count(*) FROM stored
        UNION ALL
        SELECT site, device, sequence FROM stored WHERE (SELECT count(*) FROM stored) < cardinality(@q::bigint[])
        """;

    public async Task<IReadOnlyList<TelemetryStoreOutcome>> StoreBatchAsync(IReadOnlyList<TelemetryWindowRecord> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var outcomes = new TelemetryStoreOutcome[windows.Count];
        if (windows.Count == 0)
        {
            return outcomes;
        }

        var connection = await SqlCommands.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var rounds = Rounds(windows);
        if (database.Dialect == SqlDialect.Postgres && rounds.Count == 1)
        {
            var alone = await StoreAloneAsync(connection, windows, rounds[0], cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < windows.Count; i++)
            {
                var window = windows[i];
                outcomes[i] = alone is null || alone.Contains((window.Site, window.Device, window.Sequence))
                    ? TelemetryStoreOutcome.Stored
                    : await NotStoredAsync(connection, null, window, cancellationToken).ConfigureAwait(false);
            }

            return outcomes;
        }

        if (await TryStoreEveryAsync(connection, windows, rounds, cancellationToken).ConfigureAwait(false))
        {
            Array.Fill(outcomes, TelemetryStoreOutcome.Stored);
            return outcomes;
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        foreach (var round in rounds)
        {
            var stored = await InsertReturningAsync(connection, transaction, windows, round, cancellationToken).ConfigureAwait(false);
            foreach (var i in round)
            {
                var window = windows[i];
                outcomes[i] = stored.Contains((window.Site, window.Device, window.Sequence))
                    ? TelemetryStoreOutcome.Stored
                    : await NotStoredAsync(connection, transaction, window, cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    // The common case, every window new: each round's statement only counts its rows (none come back). A round that
    // stores fewer than it holds rolls the transaction back, and the batch goes again reading back what each round stored.
    private async Task<bool> TryStoreEveryAsync(DbConnection connection, IReadOnlyList<TelemetryWindowRecord> windows, List<List<int>> rounds, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        foreach (var round in rounds)
        {
            var columns = database.Dialect == SqlDialect.Postgres ? TelemetryBatchColumns.Rent(windows, round) : null;
            try
            {
                var command = await BatchCommandAsync(connection, transaction, windows, round, columns, returning: false, cancellationToken).ConfigureAwait(false);
                await using var commandScope = command.ConfigureAwait(false);
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != round.Count)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }
            }
            finally
            {
                if (columns is not null)
                {
                    TelemetryBatchColumns.Return(columns);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Null when every window of the round was stored, else the keys of those that were.
    private static async Task<HashSet<(string Site, string Device, long Sequence)>?> StoreAloneAsync(
        DbConnection connection, IReadOnlyList<TelemetryWindowRecord> windows, List<int> round, CancellationToken cancellationToken)
    {
        var columns = TelemetryBatchColumns.Rent(windows, round);
        try
        {
            return await StoreAloneAsync(connection, columns, round.Count, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TelemetryBatchColumns.Return(columns);
        }
    }

    private static async Task<HashSet<(string Site, string Device, long Sequence)>?> StoreAloneAsync(
        DbConnection connection, TelemetryBatchColumns columns, int rows, CancellationToken cancellationToken)
    {
        var command = await ColumnsCommandAsync(connection, null, columns, ColumnsBatchAlone, cancellationToken).ConfigureAwait(false);
        await using var commandScope = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var (count, added) = (-1L, (HashSet<(string, string, long)>?)null);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.IsDBNull(0))
            {
                count = reader.GetInt64(2);
            }
            else
            {
                (added ??= []).Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return count == rows ? null : added ?? [];
    }

    // The batch in key order, cut into rounds.
    private static List<List<int>> Rounds(IReadOnlyList<TelemetryWindowRecord> windows)
    {
        var rounds = new List<List<int>>(1);
        var pending = new List<int>(windows.Count);
        for (var i = 0; i < windows.Count; i++)
        {
            pending.Add(i);
        }

        // Ties (the same key twice) keep the batch's order, so the earlier of two repeats is the one stored.
        pending.Sort((a, b) => KeyOrder(windows[a], windows[b]) is var order and not 0 ? order : a.CompareTo(b));
        while (pending.Count > 0)
        {
            var (round, later) = Split(windows, pending);
            rounds.Add(round);
            pending = later;
        }

        return rounds;
    }

    private static int KeyOrder(in TelemetryWindowRecord a, in TelemetryWindowRecord b) =>
        string.CompareOrdinal(a.Site, b.Site) is var site and not 0 ? site
        : string.CompareOrdinal(a.Device, b.Device) is var device and not 0 ? device
        : a.Sequence.CompareTo(b.Sequence);

    // In key order, a window overlaps one taken before it in this round only if it is the same device's and its first
    // sequence is at or below the last sequence taken for that device.
    private static (List<int> Round, List<int> Later) Split(IReadOnlyList<TelemetryWindowRecord> windows, List<int> pending)
    {
        var round = new List<int>(pending.Count);
        var later = new List<int>();
        var previous = -1;
        foreach (var i in pending)
        {
            var window = windows[i];
            if (previous >= 0 && windows[previous].Site == window.Site && windows[previous].Device == window.Device && window.FirstSequence <= windows[previous].Sequence)
            {
                later.Add(i);
                continue;
            }

            round.Add(i);
            previous = i;
        }

        return (round, later);
    }

    private async Task<HashSet<(string Site, string Device, long Sequence)>> InsertReturningAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<TelemetryWindowRecord> windows, List<int> round, CancellationToken cancellationToken)
    {
        var columns = database.Dialect == SqlDialect.Postgres ? TelemetryBatchColumns.Rent(windows, round) : null;
        try
        {
            var command = await BatchCommandAsync(connection, transaction, windows, round, columns, returning: true, cancellationToken).ConfigureAwait(false);
            await using var commandScope = command.ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            var added = new HashSet<(string, string, long)>(round.Count);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                added.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }

            return added;
        }
        finally
        {
            if (columns is not null)
            {
                TelemetryBatchColumns.Return(columns);
            }
        }
    }

    // `columns`: the round's rows on PostgreSQL (null on SQLite, which binds each row's values).
    private static async Task<DbCommand> BatchCommandAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<TelemetryWindowRecord> windows, List<int> round, TelemetryBatchColumns? columns, bool returning, CancellationToken cancellationToken)
    {
        if (columns is not null)
        {
            return await ColumnsCommandAsync(connection, transaction, columns, returning ? ColumnsBatch + Returning : ColumnsBatch, cancellationToken).ConfigureAwait(false);
        }

        var parameters = new (string Name, object? Value)[round.Count * 8];
        for (var r = 0; r < round.Count; r++)
        {
            var window = windows[round[r]];
            var n = r.ToString(CultureInfo.InvariantCulture);
            parameters[r * 8] = ("s" + n, window.Site);
            parameters[(r * 8) + 1] = ("d" + n, window.Device);
            parameters[(r * 8) + 2] = ("q" + n, window.Sequence);
            parameters[(r * 8) + 3] = ("f" + n, window.FirstSequence);
            parameters[(r * 8) + 4] = ("a" + n, window.WindowStart.ToUnixTimeMilliseconds());
            parameters[(r * 8) + 5] = ("b" + n, window.WindowEnd.ToUnixTimeMilliseconds());
            parameters[(r * 8) + 6] = ("t" + n, window.StoredAt.ToUnixTimeMilliseconds());
            parameters[(r * 8) + 7] = ("p" + n, Encoding.UTF8.GetString(window.Payload.Span));
        }

        return SqlCommands.Command(connection, transaction, BatchSql.GetOrAdd((round.Count, returning), RowsBatch), parameters);
    }

    // PostgreSQL: the rows travel as column arrays, so one prepared statement serves every batch size and the server
    // parses and plans it once per connection instead of a new text of up to 512 parameters per batch.
    private static async Task<DbCommand> ColumnsCommandAsync(DbConnection connection, DbTransaction? transaction, TelemetryBatchColumns columns, string sql, CancellationToken cancellationToken)
    {
        var command = SqlCommands.Command(connection, transaction, sql, columns.Parameters());

        // Prepared once per pooled connection; later batches on that connection reuse it.
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return command;
    }

    // The batch statement over a list of rows: stored unless a window covering any of the same sequences is there.
    private static string RowsBatch((int Rows, bool Returning) form)
    {
        var sql = new StringBuilder($"WITH batch ({Columns}) AS (VALUES ");
        for (var r = 0; r < form.Rows; r++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(r == 0 ? string.Empty : ", ")}(@s{r}, @d{r}, @q{r}, @f{r}, @a{r}, @b{r}, @t{r}, @p{r})");
        }

        return sql.Append(')').AppendLine().Append(InsertFromBatch).Append(form.Returning ? Returning : string.Empty).ToString();
    }
}
