using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Tests.Storage;

public sealed class SqliteLeaseStoreTests : LeaseStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-store-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected override Task<ILeaseStore> CreateAsync() => TelemetryStores.OpenLeasesAsync(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"), CancellationToken.None);
}
