using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Tests.Storage;

public sealed class SqliteRegistryStoreTests : RegistryStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-store-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected override async Task<IRegistryStore> CreateAsync() => await RegistryStores.OpenAsync(await LocationAsync(), CancellationToken.None);

    protected override Task<string> LocationAsync() => Task.FromResult(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));
}
