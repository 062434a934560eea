using EdgeFactory.Factory.Storage;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

/// <summary>Starts factory instances as child processes on one database, with a signing key and a device they know.</summary>
internal static class FactoryProcesses
{
    /// <summary>Makes the factory's key, tokens and trust folder under <paramref name="folder"/>, and assigns device line3/d1 a model in <paramref name="database"/>.</summary>
    public static async Task PrepareAsync(string folder, string database)
    {
        Assert.Equal(0, (await CliProcess.RunAsync("keys", "new", "--out", Path.Combine(folder, "factory-key"))).ExitCode);
        Directory.CreateDirectory(Path.Combine(folder, "trust"));
        Assert.Equal(0, (await CliProcess.RunAsync("factory", "token", "new", "--name", "operator", "--tokens", Path.Combine(folder, "tokens"), "--out", Path.Combine(folder, "operator.token"))).ExitCode);
        await using var registry = await RegistryStores.OpenAsync(database, CancellationToken.None);
        await registry.SetAssignmentAsync(new AssignmentRecord("line3", "d1", "pick", "pick-policy", "1.0.0", false), CancellationToken.None);
    }

    /// <summary>Starts instance <paramref name="instance"/> and waits until it serves.</summary>
    public static async Task<FactoryProcess> StartAsync(BrokerFixture broker, string folder, string database, string instance, string lease = "15s")
    {
        var process = CliProcess.Start(
            "factory", "run", "--http", "127.0.0.1:0", "--broker", $"mqtt://{broker.Broker.Host}:{broker.Broker.Port}",
            "--key", Directory.GetFiles(Path.Combine(folder, "factory-key"), "*.key").Single(), "--trust", Path.Combine(folder, "trust"),
            "--data", Path.Combine(folder, "data-" + instance), "--db", database, "--instance", instance, "--lease", lease,
            "--tokens", Path.Combine(folder, "tokens"));
        return new FactoryProcess(process, new Uri((await process.WaitForLineAsync("ready ")).Split(' ')[1]));
    }
}
