using EdgeFactory.Factory.Storage;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Storage;

public sealed class PostgresLeaseStoreTests(PostgresFixture postgres) : LeaseStoreContract, IClassFixture<PostgresFixture>
{
    protected override async Task<ILeaseStore> CreateAsync() => await TelemetryStores.OpenLeasesAsync(await postgres.CreateDatabaseAsync(), CancellationToken.None);
}
