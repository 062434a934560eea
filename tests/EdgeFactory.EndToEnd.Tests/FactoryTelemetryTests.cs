using EdgeFactory.Factory.Storage;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Telemetry;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.EndToEnd.Tests;

/// <summary>Factories as child processes (<c>edgefactory factory run</c>) killed with SIGKILL: telemetry and the lease survive them.</summary>
public sealed class FactoryTelemetryTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-factory-telemetry-").FullName;

    private string Database => Path.Combine(_folder, "factory.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task FactoryKilled_WhileEdgesSend_RestartedItStoresEveryWindowOnce()
    {
        await PrepareAsync();
        var factory = await StartFactoryAsync("f1");
        var client = new MqttClient(broker.ClientOptions("edge-d1") with { CleanStart = false, SessionExpiry = TimeSpan.FromHours(1) });
        await client.ConnectAsync(CancellationToken.None);
        var agent = new TelemetryAgent(
            new TelemetryOptions { Window = TimeSpan.FromDays(1) }, Path.Combine(_folder, "edge", "telemetry.db"), "line3", "d1",
            new TelemetryAggregator(["c1"], NoTelemetryProbe.Instance, TimeProvider.System), client, TimeProvider.System, NullLogger<TelemetryAgent>.Instance);
        await agent.StartAsync(CancellationToken.None);
        await using (client)
        await using (agent)
        {
            await using var store = await TelemetryStores.OpenAsync(Database, CancellationToken.None);
            Produce(agent, 40);
            await Eventually.TrueAsync(() => Highest(store) >= 10, "some windows stored");
            await factory.KillAsync();
            await factory.DisposeAsync();
            Produce(agent, 40);

            await using var restarted = await StartFactoryAsync("f1");
            await Eventually.TrueAsync(() => Highest(store) == 80 && Missing(store) == 0, "all 80 windows stored", TimeSpan.FromSeconds(60));

            var device = Assert.Single(await store.ListDevicesAsync(CancellationToken.None));
            Assert.Equal((80L, 80L, 0L), (device.HighestSequence, device.Windows, device.Missing));
        }
    }

    private static void Produce(TelemetryAgent agent, int windows)
    {
        for (var i = 0; i < windows; i++)
        {
            Assert.NotNull(agent.CloseWindow());
        }
    }

    private static long Highest(ITelemetryStore store) =>
        store.ListDevicesAsync(CancellationToken.None).GetAwaiter().GetResult().SingleOrDefault()?.HighestSequence ?? 0;

    private static long Missing(ITelemetryStore store) =>
        store.ListDevicesAsync(CancellationToken.None).GetAwaiter().GetResult().SingleOrDefault()?.Missing ?? -1;

    private Task PrepareAsync() => FactoryProcesses.PrepareAsync(_folder, Database);

    private Task<FactoryProcess> StartFactoryAsync(string instance) => FactoryProcesses.StartAsync(broker, _folder, Database, instance);
}
