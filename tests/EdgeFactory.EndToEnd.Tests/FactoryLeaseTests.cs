using System.Text.Json;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

/// <summary>The rollout controller's lease between two factory child processes, one of them killed with SIGKILL.</summary>
public sealed class FactoryLeaseTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-factory-lease-").FullName;

    private string Database => Path.Combine(_folder, "factory.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task LeaseHolderKilled_TheOtherInstanceTakesTheLease()
    {
        await FactoryProcesses.PrepareAsync(_folder, Database);
        await using var first = await FactoryProcesses.StartAsync(broker, _folder, Database, "f1", lease: "1s");
        await using var second = await FactoryProcesses.StartAsync(broker, _folder, Database, "f2", lease: "1s");
        using var http = new HttpClient();
        await Eventually.TrueAsync(() => LeaseHeld(http, first.Address) != LeaseHeld(http, second.Address), "exactly one instance holds the lease");
        var (holder, other) = LeaseHeld(http, first.Address) ? (first, second) : (second, first);

        await holder.KillAsync();

        await Eventually.TrueAsync(() => LeaseHeld(http, other.Address), "the other instance holds the lease", TimeSpan.FromSeconds(30));
    }

    private static bool LeaseHeld(HttpClient http, Uri factory)
    {
        using var report = JsonDocument.Parse(http.GetStringAsync(new Uri(factory, "v1/telemetry/ingest")).GetAwaiter().GetResult());
        return report.RootElement.GetProperty("leaseHeld").GetBoolean();
    }
}
