using EdgeFactory.Factory.Storage;
using EdgeFactory.Factory.Telemetry;

namespace EdgeFactory.Factory.Tests.Telemetry;

public sealed class AssignedDevicesTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-devices-").FullName;
    private IRegistryStore? _registry;

    public async Task InitializeAsync() => _registry = await RegistryStores.OpenAsync(Path.Combine(_folder, "factory.db"), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _registry!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Load_KnowsEveryAssignedDevice_AndOneAssignedLaterOnItsNextWindow()
    {
        await AssignAsync("d1");
        await AssignAsync("d2");
        var devices = new AssignedDevices(_registry!);

        Assert.Equal(2, await devices.LoadAsync(CancellationToken.None));
        Assert.True(await devices.KnowsAsync("s1", "d1", CancellationToken.None));
        Assert.True(await devices.KnowsAsync("s1", "d2", CancellationToken.None));
        Assert.False(await devices.KnowsAsync("s1", "d3", CancellationToken.None));
        Assert.False(await devices.KnowsAsync("s2", "d1", CancellationToken.None));

        await AssignAsync("d3");

        Assert.True(await devices.KnowsAsync("s1", "d3", CancellationToken.None));
    }

    private Task AssignAsync(string device) =>
        _registry!.SetAssignmentAsync(new AssignmentRecord("s1", device, "policy", "pick", "1.0.0", false), CancellationToken.None);
}
