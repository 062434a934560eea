using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>One batch's working lists, which a worker keeps and reuses: each message's code, the windows to store and where they came from.</summary>
internal sealed class TelemetryIngestBatch(int capacity)
{
    /// <summary>Null for each window stored, else its refusal code, in the order of the messages.</summary>
    public List<string?> Codes { get; } = new(capacity);

    /// <summary>The windows that passed their checks, in the order of the messages.</summary>
    public List<TelemetryWindowRecord> Records { get; } = new(capacity);

    /// <summary>For each of <see cref="Records"/>, the index of its message.</summary>
    public List<int> Positions { get; } = new(capacity);

    /// <summary>Empties the lists for the next batch (their storage stays).</summary>
    public void Clear()
    {
        Codes.Clear();
        Records.Clear();
        Positions.Clear();
    }
}
