using System.Security.Cryptography;
using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Models.Canonical;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

/// <summary>
/// A factory (<c>factory run</c>), two <c>robot-sim</c> controllers and a site file whose <c>models:</c> trusts the
/// factory's key and the team key that signs the arm policy packages; the edge itself is started by each test.
/// </summary>
internal sealed class DeliveryLine : IAsyncDisposable
{
    /// <summary>A site id of its own: retained desired states of one test never reach another's edge.</summary>
    public string Site { get; } = $"dl-{Guid.NewGuid():N}"[..11];

    public const string Device = "d1";
    private readonly BrokerFixture _broker;
    private RobotSimProcess? _arm;
    private RobotSimProcess? _gripper;

    private DeliveryLine(string folder, BrokerFixture broker)
    {
        Folder = folder;
        _broker = broker;
    }

    public string Folder { get; }

    public CliProcess Factory { get; private set; } = null!;

    public string Address { get; private set; } = string.Empty;

    /// <summary>Subscribed to the device's reported state.</summary>
    public MqttClient Observer { get; private set; } = null!;

    public string SiteFile => Path.Combine(Folder, "site.yaml");

    public string Data => Path.Combine(Folder, "edge-data");

    /// <summary>The bearer token the factory commands of these tests use.</summary>
    public string TokenFile => Path.Combine(Folder, "line-engineer.token");

    /// <summary>Starts the factory and the controllers; the site downloads from <paramref name="downloadFrom"/> instead of the factory when given.</summary>
    public static async Task<DeliveryLine> StartAsync(BrokerFixture broker, string folder, Uri? downloadFrom = null)
    {
        var line = new DeliveryLine(folder, broker);
        try
        {
            await line.StartFactoryAndSiteAsync(downloadFrom);
            return line;
        }
        catch
        {
            await line.DisposeAsync();
            throw;
        }
    }

    private async Task StartFactoryAndSiteAsync(Uri? downloadFrom)
    {
        var folder = Folder;
        var broker = _broker;
        using (var factoryKey = SigningKey.Generate())
        using (var team = SigningKey.Generate())
        {
            factoryKey.Save(Path.Combine(folder, "factory-key"));
            team.Save(Path.Combine(folder, "team-key"));
            Directory.CreateDirectory(Path.Combine(folder, "trust-factory"));
            Directory.CreateDirectory(Path.Combine(folder, "trust-passports"));
            File.WriteAllText(Path.Combine(folder, "trust-factory", factoryKey.KeyId + SigningKey.PublicKeyExtension), factoryKey.PublicKeyPem());
            File.WriteAllText(Path.Combine(folder, "trust-passports", team.KeyId + SigningKey.PublicKeyExtension), team.PublicKeyPem());
        }

        var (issued, _, issueError) = await CliProcess.RunAsync("factory", "token", "new", "--name", "line-engineer", "--tokens", Path.Combine(folder, "tokens"), "--out", TokenFile);
        Assert.True(issued == 0, issueError);
        Factory = CliProcess.Start(
            "factory", "run", "--http", "127.0.0.1:0", "--broker", broker.Broker.Url,
            "--key", Directory.GetFiles(Path.Combine(folder, "factory-key"), "*.key").Single(), "--trust", Path.Combine(folder, "trust-passports"), "--data", Path.Combine(folder, "factory-data"),
            "--tokens", Path.Combine(folder, "tokens"));
        Address = (await Factory.WaitForLineAsync("ready ")).Split(' ')[1];
        // Watchdogs of 500 ms: these tests are about delivery, and a busy test machine may pause the edge for more than 50 ms.
        var arm = _arm = await RobotSimProcess.StartAsync("arm", "--watchdog-ms", "500");
        var gripper = _gripper = await RobotSimProcess.StartAsync("gripper", "--watchdog-ms", "500");
        File.WriteAllText(Path.Combine(folder, "site.yaml"), $$"""
            site: {{Site}}
            device: {{Device}}
            kinds: {{RepositoryPaths.Of("robots", "kinds")}}
            robots:
              - id: cell-1
                kind: pick_place_cell
                link: { arm: {{arm.Address}}, gripper: {{gripper.Address}} }
                simulation: { step_time: 5ms, jitter: 0 }
            policies:
              arm_reach: {{RepositoryPaths.Of("models", "policy", "arm_reach_v1.onnx")}}
              gripper: {{RepositoryPaths.Of("models", "policy", "gripper_v1.onnx")}}
            models:
              factory: {{downloadFrom?.ToString() ?? Address}}
              device_type: x86-64-cpu
              trust: { factory: trust-factory, passports: trust-passports }
            """);
        Observer = await broker.ConnectAsync();
        await Observer.SubscribeAsync(Topics.EdgeReported(Site, Device), MqttQos.AtLeastOnce, null, CancellationToken.None);
    }

    /// <summary>Starts <c>edge run</c> on the line and waits until it is ready.</summary>
    public async Task<CliProcess> StartEdgeAsync()
    {
        var edge = CliProcess.Start("edge", "run", "--site", SiteFile, "--broker", _broker.Broker.Url, "--data", Data);
        await edge.WaitForLineAsync($"ready site={Site}");
        return edge;
    }

    /// <summary>Signs <c>models/policy/arm_reach_vN.onnx</c> as arm_reach <paramref name="version"/> and pushes it; returns the package folder.</summary>
    public async Task<string> PushAsync(string file, string version)
    {
        var package = Path.Combine(Folder, $"package-{version}");
        var (code, _, error) = await CliProcess.RunAsync(
            "model", "passport", RepositoryPaths.Of("models", "policy", file), "--name", "arm_reach", "--version", version,
            "--key", Directory.GetFiles(Path.Combine(Folder, "team-key"), "*.key").Single(), "--out", package);
        Assert.True(code == 0, error);
        var (push, _, pushError) = await CliProcess.RunAsync("factory", "push", package, "--factory", Address, "--token-file", TokenFile);
        Assert.True(push == 0, pushError);
        return package;
    }

    public async Task AssignAsync(string version)
    {
        var (code, _, error) = await CliProcess.RunAsync("factory", "assign", "--model", "arm_reach", "--version", version, "--site", Site, "--device", Device, "--factory", Address, "--token-file", TokenFile);
        Assert.True(code == 0, error);
    }

    public async Task RevokeAsync(string version)
    {
        var (code, _, error) = await CliProcess.RunAsync("factory", "revoke", "--model", "arm_reach", "--version", version, "--reason", "overshoots", "--factory", Address, "--token-file", TokenFile);
        Assert.True(code == 0, error);
    }

    /// <summary>Waits for a reported state that matches.</summary>
    public async Task<ReportedStateMessage> ReportedAsync(Func<ReportedStateMessage, bool> match, string what)
    {
        using var message = await Eventually.ReadUntilAsync(
            Observer.Messages, m => match(JsonSerializer.Deserialize(m.Payload.Span, ContractsJsonContext.Default.ReportedStateMessage)!), what, TimeSpan.FromSeconds(60));
        return JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.ReportedStateMessage)!;
    }

    /// <summary>Runs <c>edge models --json</c> and parses its one document.</summary>
    public async Task<JsonElement> ModelsAsync()
    {
        var (code, output, error) = await CliProcess.RunAsync("edge", "models", "--site", SiteFile, "--data", Data, "--json");
        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>The digest a desired state pins the package by: the SHA-256 of its canonical passport.</summary>
    public static string DigestOf(string package)
    {
        using var passport = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(package, "passport.json")));
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Encode(passport.RootElement)));
    }

    public async ValueTask DisposeAsync()
    {
        if (Observer is not null)
        {
            await Observer.DisposeAsync();
        }

        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        foreach (var sim in new[] { _arm, _gripper })
        {
            if (sim is not null)
            {
                await sim.DisposeAsync();
            }
        }
    }
}
