namespace EdgeFactory.Factory.Storage;

/// <summary>
/// A batch's rows as PostgreSQL parameters, one list per column, and the payloads as they were received, one after the
/// other in one byte string with each one's offset (from 1, as SQL counts) and length. Instances are reused from batch
/// to batch (<see cref="Rent"/>, <see cref="Return"/>), so a batch allocates no arrays for its rows.
/// </summary>
internal sealed class TelemetryBatchColumns
{
    // Why a lock: the store's workers take and return instances concurrently; the lock is held for a push or a pop.
    private static readonly Stack<TelemetryBatchColumns> Pool = new();
    private byte[] _payloads = new byte[64 * 1024];
    private int _payloadLength;

    /// <summary>Sites, devices, sequences, first sequences, window starts and ends and storage times (ms), payload offsets and lengths.</summary>
    private readonly List<string> _sites = [], _devices = [];
    private readonly List<long> _sequences = [], _firsts = [], _starts = [], _ends = [], _stored = [];
    private readonly List<int> _offsets = [], _lengths = [];

    /// <summary>An instance holding the rows of <paramref name="round"/> (indices into <paramref name="windows"/>), in that order.</summary>
    public static TelemetryBatchColumns Rent(IReadOnlyList<TelemetryWindowRecord> windows, List<int> round)
    {
        TelemetryBatchColumns? columns;
        lock (Pool)
        {
            Pool.TryPop(out columns);
        }

        columns ??= new TelemetryBatchColumns();
        columns.Fill(windows, round);
        return columns;
    }

    /// <summary>Gives the instance back for a later batch; the caller no longer uses it or the command it was bound to.</summary>
    public static void Return(TelemetryBatchColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        columns.Clear();
        lock (Pool)
        {
            Pool.Push(columns);
        }
    }

    /// <summary>The parameters of the batch statement: s, d, q, f, a, b, t, o, l (columns) and p (the payloads).</summary>
    public (string Name, object? Value)[] Parameters() =>
    [
        ("s", _sites), ("d", _devices), ("q", _sequences), ("f", _firsts), ("a", _starts), ("b", _ends), ("t", _stored),
        ("o", _offsets), ("l", _lengths), ("p", new ReadOnlyMemory<byte>(_payloads, 0, _payloadLength)),
    ];

    private void Fill(IReadOnlyList<TelemetryWindowRecord> windows, List<int> round)
    {
        var total = 0;
        foreach (var i in round)
        {
            total += windows[i].Payload.Length;
        }

        if (total > _payloads.Length)
        {
            _payloads = new byte[Math.Max(total, _payloads.Length * 2)];
        }

        foreach (var i in round)
        {
            var window = windows[i];
            _sites.Add(window.Site);
            _devices.Add(window.Device);
            _sequences.Add(window.Sequence);
            _firsts.Add(window.FirstSequence);
            _starts.Add(window.WindowStart.ToUnixTimeMilliseconds());
            _ends.Add(window.WindowEnd.ToUnixTimeMilliseconds());
            _stored.Add(window.StoredAt.ToUnixTimeMilliseconds());
            _offsets.Add(_payloadLength + 1);
            _lengths.Add(window.Payload.Length);
            window.Payload.Span.CopyTo(_payloads.AsSpan(_payloadLength));
            _payloadLength += window.Payload.Length;
        }
    }

    private void Clear()
    {
        _sites.Clear();
        _devices.Clear();
        _sequences.Clear();
        _firsts.Clear();
        _starts.Clear();
        _ends.Clear();
        _stored.Clear();
        _offsets.Clear();
        _lengths.Clear();
        _payloadLength = 0;
    }
}
