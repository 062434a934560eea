using System.Net;
using EdgeFactory.Cli.Commands.Models;
using EdgeFactory.Contracts.Models;
using EdgeFactory.Factory;
using EdgeFactory.Factory.Access;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Rollout.Gates;
using EdgeFactory.Factory.Rollout.Waves;
using EdgeFactory.Models.Packages;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt.Broker;

namespace EdgeFactory.Cli.Demo;

/// <summary>
/// The demo's central AI factory, in this process: its own signing key and a team key, a token for the central team,
/// the arm policy versions signed and pushed, and the site's device in a group that runs version 1 to begin with.
/// </summary>
internal sealed class StoryFactory : IAsyncDisposable
{
    /// <summary>Device type the demo's passports target and its edge claims.</summary>
    public const string DeviceType = "x86-64-cpu";

    /// <summary>The policy the story rolls out.</summary>
    public const string Model = "arm_reach";

    /// <summary>The group of the site's devices.</summary>
    public const string Group = "line";

    /// <summary>
    /// Clamped cycles per task a version may show above 1.5 times the baseline's. A desktop's scheduler stalls the demo's
    /// control loops now and then, and a loop that wakes late is clamped for the time it lost; a factory's edge runs its
    /// loops on isolated cores and keeps the default of 0.1. A version that fights the envelope is clamped hundreds of
    /// times per task.
    /// </summary>
    public const double ClampSlack = 5;

    private readonly HttpClient _http;

    private StoryFactory(string folder, FactoryHost host, HttpClient http, FactoryClient client)
    {
        Folder = folder;
        Host = host;
        _http = http;
        Client = client;
    }

    public string Folder { get; }

    public FactoryHost Host { get; }

    public FactoryClient Client { get; }

    /// <summary>Holds the factory key's public half: desired states and revocation lists.</summary>
    public string TrustFactory => Path.Combine(Folder, "trust-factory");

    /// <summary>Holds the team key's public half: passports.</summary>
    public string TrustPassports => Path.Combine(Folder, "trust-passports");

    /// <summary>The central team's token, for a person to sign in to the dashboard.</summary>
    public string TokenFile => Path.Combine(Folder, "central-team.token");

    /// <summary>
    /// Starts the factory on <paramref name="http"/> against <paramref name="broker"/>, with rollouts judged every 2 s,
    /// waves of at least <paramref name="minFinished"/> finished tasks, and a gate that promotes a version only once its
    /// tasks per hour is significantly higher (a version that is only "not worse" keeps baking until it is, or its
    /// rollout runs out of time).
    /// </summary>
    public static async Task<StoryFactory> StartAsync(string folder, MosquittoBroker broker, IPEndPoint http, int minFinished, CancellationToken cancellationToken)
    {
        using var factoryKey = SigningKey.Generate();
        factoryKey.Save(Path.Combine(folder, "factory-key"));
        Directory.CreateDirectory(Path.Combine(folder, "trust-factory"));
        await File.WriteAllTextAsync(Path.Combine(folder, "trust-factory", factoryKey.KeyId + SigningKey.PublicKeyExtension), factoryKey.PublicKeyPem(), cancellationToken).ConfigureAwait(false);
        var token = await ApiTokens.IssueAsync(Path.Combine(folder, "tokens"), "central-team", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "central-team.token"), token, cancellationToken).ConfigureAwait(false);
        File.SetUnixFileMode(Path.Combine(folder, "central-team.token"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using var team = SigningKey.Generate();
        Directory.CreateDirectory(Path.Combine(folder, "trust-passports"));
        await File.WriteAllTextAsync(Path.Combine(folder, "trust-passports", team.KeyId + SigningKey.PublicKeyExtension), team.PublicKeyPem(), cancellationToken).ConfigureAwait(false);
        var host = await FactoryHost.StartAsync(
            new FactoryOptions
            {
                Http = http,
                Broker = new Mqtt.MqttBrokerAddress(broker.Host, broker.Port, false),
                DataDirectory = Path.Combine(folder, "factory"),
                SigningKey = Directory.GetFiles(Path.Combine(folder, "factory-key"), "*" + SigningKey.PrivateKeyExtension).Single(),
                TrustDirectory = Path.Combine(folder, "trust-passports"),
                TokensFile = Path.Combine(folder, "tokens"),
                RolloutInterval = TimeSpan.FromSeconds(2),
                Rollouts = new RolloutOptions { Gate = new GateThresholds { MinFinishedTasks = minFinished, ClampRateSlack = ClampSlack, RequireImprovement = true }, BaselineLookback = TimeSpan.FromMinutes(15) },
            },
            null,
            TimeProvider.System,
            cancellationToken).ConfigureAwait(false);
        var client = new HttpClient { BaseAddress = host.Address };
        var factory = new StoryFactory(folder, host, client, new FactoryClient(client, "central-team", token));
        foreach (var version in new[] { 1, 2, 3 })
        {
            var package = Path.Combine(folder, "packages", $"{Model}-{version}");
            var model = Path.Combine("models", "policy", $"{Model}_v{version}.onnx");
            var draft = ModelPassportCommand.Draft(model, Model, $"{version}.0.0", DeviceType, null, TimeSpan.FromDays(90),
                new PassportProvenance("eng/models/make_policy_models.py", "closed-form trapezoid planner", "central-team"), []);
            await PackageWriter.WriteAsync(model, draft, team, package, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            Require(await factory.Client.PushAsync(package, cancellationToken).ConfigureAwait(false));
        }

        return factory;
    }

    /// <summary>Puts <paramref name="device"/> of <paramref name="site"/> in the group and assigns the group version 1.</summary>
    public async Task EnrolAsync(string site, string device, CancellationToken cancellationToken)
    {
        Require(await Client.AddGroupMembersAsync(site, Group, [device], cancellationToken).ConfigureAwait(false));
        Require(await Client.AssignAsync(new AssignmentRequest(site, null, Model, "1.0.0", Group: Group), cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync().ConfigureAwait(false);
    }

    private static void Require(RegistryOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The factory refused a step of the demo: {outcome.Code}: {outcome.Message}");
        }
    }
}
