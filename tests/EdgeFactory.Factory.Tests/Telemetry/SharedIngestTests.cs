using EdgeFactory.Factory.Storage;
using EdgeFactory.Factory.Tests.Http;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Telemetry;
using EdgeFactory.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Factory.Tests.Telemetry;

/// <summary>Edges' telemetry through a real broker into two factory instances sharing one subscription and one database.</summary>
public sealed class SharedIngestTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-shared-ingest-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TwoInstances_ShareTheWindows_EachStoredOnce_NoneMissing()
    {
        const int Devices = 4;
        const int Windows = 25;
        var database = Path.Combine(_folder, "factory.db");
        await AssignAsync(database, Devices + 1);
        await using var first = await TestFactory.StartAsync(broker, database, "f1");
        await using var second = await TestFactory.StartAsync(broker, database, "f2");

        var edges = new List<(TelemetryAgent Agent, MqttClient Client)>();
        for (var d = 0; d < Devices; d++)
        {
            edges.Add(await StartEdgeAsync($"d{d}"));
        }

        for (var w = 0; w < Windows; w++)
        {
            foreach (var (agent, _) in edges)
            {
                agent.CloseWindow();
            }
        }

        await Eventually.TrueAsync(() => first.Host.Ingest.Counters.Stored + second.Host.Ingest.Counters.Stored >= Devices * Windows, "every window stored", TimeSpan.FromSeconds(60));
        foreach (var (agent, client) in edges)
        {
            await agent.DisposeAsync();
            await client.DisposeAsync();
        }

        await using var store = await TelemetryStores.OpenAsync(database, CancellationToken.None);
        var devices = await store.ListDevicesAsync(CancellationToken.None);
        Assert.Equal(Devices, devices.Count);
        Assert.All(devices, d => Assert.Equal((25L, 25L, 0L), (d.HighestSequence, d.Windows, d.Missing)));
        Assert.Equal(Devices * Windows, first.Host.Ingest.Counters.Stored + second.Host.Ingest.Counters.Stored);
        Assert.True(first.Host.Ingest.Counters.Stored > 0 && second.Host.Ingest.Counters.Stored > 0, "both instances took a share");
    }

    private async Task<(TelemetryAgent Agent, MqttClient Client)> StartEdgeAsync(string device)
    {
        var client = new MqttClient(broker.ClientOptions($"edge-{device}"));
        await client.ConnectAsync(CancellationToken.None);
        var aggregator = new TelemetryAggregator(["c1"], NoTelemetryProbe.Instance, TimeProvider.System);
        var agent = new TelemetryAgent(new TelemetryOptions { Window = TimeSpan.FromDays(1) }, Path.Combine(_folder, device, "telemetry.db"), "line3", device, aggregator, client, TimeProvider.System, NullLogger<TelemetryAgent>.Instance);
        await agent.StartAsync(CancellationToken.None);
        return (agent, client);
    }

    private static async Task AssignAsync(string database, int devices)
    {
        await using var registry = await RegistryStores.OpenAsync(database, CancellationToken.None);
        for (var d = 0; d < devices; d++)
        {
            await registry.SetAssignmentAsync(new AssignmentRecord("line3", $"d{d}", "pick", "pick-policy", "1.0.0", false), CancellationToken.None);
        }
    }
}
