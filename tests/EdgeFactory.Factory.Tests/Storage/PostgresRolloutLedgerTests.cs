using EdgeFactory.Factory.Rollout.Waves;
using EdgeFactory.Factory.Storage;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Storage;

public sealed class PostgresRolloutLedgerTests(PostgresFixture postgres) : RolloutLedgerContract, IClassFixture<PostgresFixture>
{
    protected override async Task<IRolloutLedger> CreateAsync() => await TelemetryStores.OpenRolloutsAsync(await postgres.CreateDatabaseAsync(), CancellationToken.None);
}
