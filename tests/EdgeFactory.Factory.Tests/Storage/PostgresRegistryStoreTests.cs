using EdgeFactory.Factory.Storage;
using EdgeFactory.Testing;

namespace EdgeFactory.Factory.Tests.Storage;

public sealed class PostgresRegistryStoreTests(PostgresFixture postgres) : RegistryStoreContract, IClassFixture<PostgresFixture>
{
    protected override async Task<IRegistryStore> CreateAsync() => await RegistryStores.OpenAsync(await LocationAsync(), CancellationToken.None);

    protected override Task<string> LocationAsync() => postgres.CreateDatabaseAsync();

    [Fact]
    public void PostgresConnectionString_ReadsUserPasswordHostPortDatabase()
    {
        var text = RegistryStores.PostgresConnectionString("postgres://fab:s%3Acret@10.0.0.5:6543/registry");

        Assert.Contains("Host=10.0.0.5", text, StringComparison.Ordinal);
        Assert.Contains("Port=6543", text, StringComparison.Ordinal);
        Assert.Contains("Database=registry", text, StringComparison.Ordinal);
        Assert.Contains("Username=fab", text, StringComparison.Ordinal);
        Assert.Contains("Password=s:cret", text, StringComparison.Ordinal);
    }
}
