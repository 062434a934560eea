namespace EdgeFactory.Factory.Storage;

/// <summary>Where the factory keeps telemetry windows, once each by (site, device, sequence) (SQLite or PostgreSQL).</summary>
public interface ITelemetryStore : IAsyncDisposable
{
    /// <summary>Creates the tables if they are missing.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a window unless it, or a window it summarises, is stored already.</summary>
    Task<TelemetryStoreOutcome> StoreAsync(TelemetryWindowRecord window, CancellationToken cancellationToken);

    /// <summary>
    /// Stores windows in one transaction, each as <see cref="StoreAsync"/> would (windows of the batch that repeat or
    /// overlap each other are decided in the order of their sequences); the outcomes are in the order given. Nothing is
    /// stored when it throws.
    /// </summary>
    Task<IReadOnlyList<TelemetryStoreOutcome>> StoreBatchAsync(IReadOnlyList<TelemetryWindowRecord> windows, CancellationToken cancellationToken);

    /// <summary>Every device with telemetry, by site then device.</summary>
    Task<IReadOnlyList<TelemetryDeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken);

    /// <summary>The sequences of one device missing below its highest, oldest first.</summary>
    Task<IReadOnlyList<SequenceGap>> ListGapsAsync(string site, string device, CancellationToken cancellationToken);

    /// <summary>The stored windows of one device, in sequence order, after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<TelemetryWindowRecord>> ListWindowsAsync(string site, string device, long afterSequence, CancellationToken cancellationToken);

    /// <summary>The stored windows of one device that ended after <paramref name="after"/> and no later than <paramref name="until"/>, in sequence order.</summary>
    Task<IReadOnlyList<TelemetryWindowRecord>> ListWindowsEndingAsync(string site, string device, DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken);
}
