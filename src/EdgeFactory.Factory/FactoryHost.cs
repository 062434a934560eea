using System.Net;
using EdgeFactory.Factory.Access;
using EdgeFactory.Factory.Blobs;
using EdgeFactory.Factory.Dashboard;
using EdgeFactory.Factory.Fleet;
using EdgeFactory.Factory.Rollout.Waves;
using EdgeFactory.Factory.Http;
using EdgeFactory.Factory.Leases;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Rollout;
using EdgeFactory.Factory.Storage;
using EdgeFactory.Factory.Telemetry;
using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Factory;

/// <summary>A running factory: Kestrel serving the registry, connected to the broker. Dispose to stop it.</summary>
public sealed class FactoryHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MqttClient _mqtt;
    private readonly IRegistryStore _store;
    private readonly SigningKey _key;
    private readonly TrustedKeys _trusted;

    private readonly HostedParts _parts;

    private FactoryHost(WebApplication app, MqttClient mqtt, IRegistryStore store, SigningKey key, TrustedKeys trusted, Uri address, ModelRegistry registry, AccessGate access, HostedParts parts)
    {
        Access = access;
        _parts = parts;
        _app = app;
        _mqtt = mqtt;
        _store = store;
        _key = key;
        _trusted = trusted;
        Address = address;
        Registry = registry;
    }

    /// <summary>Where the HTTP API listens, e.g. <c>http://127.0.0.1:8470/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Who may change the factory, and how many requests were refused.</summary>
    public AccessGate Access { get; }

    /// <summary>The registry behind the API.</summary>
    public ModelRegistry Registry { get; }

    /// <summary>What the factory knows of its edges, as the dashboard shows it.</summary>
    public FleetView Fleet => _parts.Fleet;

    /// <summary>This instance's telemetry ingest.</summary>
    public TelemetryIngest Ingest => _parts.Telemetry.Ingest;

    /// <summary>This instance's hold on the rollout controller's lease.</summary>
    public LeaseKeeper Lease => _parts.Telemetry.Lease;

    /// <summary>Validates <paramref name="options"/>, opens the store and blobs, connects to the broker, republishes the revocation list and starts listening.</summary>
    public static async Task<FactoryHost> StartAsync(FactoryOptions options, ILoggerFactory? logging, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        var tokens = ApiTokens.Load(options.TokensFile);
        var database = options.Database ?? Path.Combine(options.DataDirectory, "factory.db");
        var store = await RegistryStores.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        var key = Models.Signing.SigningKey.Load(options.SigningKey);
        var trusted = TrustedKeys.Load(options.TrustDirectory);
        var mqtt = await ConnectAsync(options, "registry", logging, time, cancellationToken).ConfigureAwait(false);

        // The fleet view reads on a connection of its own, so that retained presence and reports arriving by the
        // thousand never queue behind the registry's publishes.
        var fleetMqtt = await ConnectAsync(options, "fleet", logging, time, cancellationToken).ConfigureAwait(false);
        var fleet = new FleetView(time);
        var stopping = new CancellationTokenSource();
        var watching = FleetWatcher.RunAsync(fleetMqtt, fleet, stopping.Token);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(options.Http));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FactoryJson.Default));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(TelemetryJson.Default));
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            builder.Services.AddSingleton(logging);
        }

        var app = builder.Build();
        Uri? bound = null;
        var registry = new ModelRegistry(store, new BlobStore(Path.Combine(options.DataDirectory, "blobs")), trusted, key, new MqttFleetPublisher(mqtt), () => options.PublicUrl ?? bound!, time);
        var access = new AccessGate(tokens, logging?.CreateLogger<AccessGate>());
        app.MapFactory(registry, access);
        var telemetry = await FactoryTelemetry.StartAsync(options, database, store, logging, time, cancellationToken).ConfigureAwait(false);
        app.MapTelemetry(telemetry.Store, telemetry.Ingest, telemetry.Lease, options.InstanceId);

        // Rollouts are judged by the one instance that holds the controller's lease; any instance takes commands.
        var rollouts = await TelemetryStores.OpenRolloutsAsync(database, cancellationToken).ConfigureAwait(false);
        var controller = new RolloutController(rollouts, new RegistryRolloutFleet(registry, time), new TelemetrySamples(telemetry.Store), options.Rollouts, time);
        registry.AfterRevocation = (model, version, reason, token) => controller.StopRolloutsOfAsync(model, version, reason, token);
        app.MapGuarded(access).MapRollouts(controller, rollouts);
        app.MapDashboard(new DashboardSources(fleet, store, rollouts, telemetry.Store, time), access);
        var loop = new RolloutLoop(controller, () => telemetry.Lease.IsHeld, options.RolloutInterval, time, (logging ?? NullLoggerFactory.Instance).CreateLogger<RolloutLoop>());
        var judging = loop.RunAsync(stopping.Token);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        await registry.PublishRevocationsAsync(cancellationToken).ConfigureAwait(false);
        return new FactoryHost(app, mqtt, store, key, trusted, bound, registry, access, new HostedParts(fleet, fleetMqtt, rollouts, telemetry, stopping, Task.WhenAll(watching, judging)));
    }

    /// <summary>Completes when the host stops.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _parts.Stopping.CancelAsync().ConfigureAwait(false);
        await _parts.Running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _parts.Stopping.Dispose();
        await _parts.FleetMqtt.DisposeAsync().ConfigureAwait(false);
        await _parts.Rollouts.DisposeAsync().ConfigureAwait(false);
        await _parts.Telemetry.DisposeAsync().ConfigureAwait(false);
        await _mqtt.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
        _trusted.Dispose();
    }

    private static async Task<MqttClient> ConnectAsync(FactoryOptions options, string role, ILoggerFactory? logging, TimeProvider time, CancellationToken cancellationToken)
    {
        var mqtt = new MqttClient(new MqttClientOptions
        {
            Host = options.Broker.Host,
            Port = options.Broker.Port,
            ClientId = $"factory-{role}-{Guid.NewGuid():N}",
            Username = options.BrokerUsername,
            Password = options.BrokerPassword,
        }.Validate(), logging?.CreateLogger<MqttClient>(), time);
        await mqtt.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return mqtt;
    }

    private sealed record HostedParts(FleetView Fleet, MqttClient FleetMqtt, IRolloutLedger Rollouts, FactoryTelemetry Telemetry, CancellationTokenSource Stopping, Task Running);

    /// <summary>Parses <c>127.0.0.1:8470</c>; only loopback or explicit addresses, never a host name.</summary>
    public static IPEndPoint ParseEndpoint(string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port is >= 0 and <= 65535 ? endpoint : throw new FormatException($"'{text}' is not ADDRESS:PORT, e.g. 127.0.0.1:8470.");
}
