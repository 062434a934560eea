using EdgeFactory.Factory.Rollout.Waves;

namespace EdgeFactory.Factory.Storage;

/// <summary>Opens the telemetry store, the lease store and the rollout ledger in the database a <c>--db</c> value names (the registry's).</summary>
public static class TelemetryStores
{
    /// <summary>Opens (and creates the tables of) the telemetry store in <paramref name="db"/>.</summary>
    public static async Task<ITelemetryStore> OpenAsync(string db, CancellationToken cancellationToken)
    {
        var store = new SqlTelemetryStore(FactoryDatabase.Open(db));
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Opens (and creates the table of) the lease store in <paramref name="db"/>.</summary>
    public static async Task<ILeaseStore> OpenLeasesAsync(string db, CancellationToken cancellationToken)
    {
        var store = new SqlLeaseStore(FactoryDatabase.Open(db));
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Opens (and creates the table of) the rollout ledger in <paramref name="db"/>.</summary>
    public static async Task<IRolloutLedger> OpenRolloutsAsync(string db, CancellationToken cancellationToken)
    {
        var ledger = new SqlRolloutLedger(FactoryDatabase.Open(db));
        await ledger.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return ledger;
    }
}
