using EdgeFactory.Factory.Storage;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Storage;

public sealed class PostgresTelemetryStoreTests(PostgresFixture postgres) : TelemetryStoreContract, IClassFixture<PostgresFixture>
{
    protected override async Task<ITelemetryStore> CreateAsync() => await TelemetryStores.OpenAsync(await postgres.CreateDatabaseAsync(), CancellationToken.None);
}
