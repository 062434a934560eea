using System.Net;
using EdgeFactory.Factory.Blobs;
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

namespace EdgeFactory.Factory;

/// <summary>A running factory: Kestrel serving the registry, connected to the broker. Dispose to stop it.</summary>
public sealed class FactoryHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MqttClient _mqtt;
    private readonly IRegistryStore _store;
    private readonly SigningKey _key;
    private readonly TrustedKeys _trusted;
    private FactoryTelemetry? _telemetry;

    private FactoryHost(WebApplication app, MqttClient mqtt, IRegistryStore store, SigningKey key, TrustedKeys trusted, Uri address, ModelRegistry registry)
    {
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

    /// <summary>The registry behind the API.</summary>
    public ModelRegistry Registry { get; }

    /// <summary>This instance's telemetry ingest.</summary>
    public TelemetryIngest Ingest => _telemetry!.Ingest;

    /// <summary>This instance's hold on the rollout controller's lease.</summary>
    public LeaseKeeper Lease => _telemetry!.Lease;

    /// <summary>Validates <paramref name="options"/>, opens the store and blobs, connects to the broker, republishes the revocation list and starts listening.</summary>
    public static async Task<FactoryHost> StartAsync(FactoryOptions options, ILoggerFactory? logging, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        var database = options.Database ?? Path.Combine(options.DataDirectory, "factory.db");
        var store = await RegistryStores.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        var key = Models.Signing.SigningKey.Load(options.SigningKey);
        var trusted = TrustedKeys.Load(options.TrustDirectory);
        var mqtt = new MqttClient(new MqttClientOptions
        {
            Host = options.Broker.Host,
            Port = options.Broker.Port,
            ClientId = $"factory-{Guid.NewGuid():N}",
            Username = options.BrokerUsername,
            Password = options.BrokerPassword,
        }.Validate(), logging?.CreateLogger<MqttClient>(), time);
        await mqtt.ConnectAsync(cancellationToken).ConfigureAwait(false);

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
        app.MapFactory(registry);
        var telemetry = await FactoryTelemetry.StartAsync(options, database, store, logging, time, cancellationToken).ConfigureAwait(false);
        app.MapTelemetry(telemetry.Store, telemetry.Ingest, telemetry.Lease, options.InstanceId);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        await registry.PublishRevocationsAsync(cancellationToken).ConfigureAwait(false);
        return new FactoryHost(app, mqtt, store, key, trusted, bound, registry) { _telemetry = telemetry };
    }

    /// <summary>Completes when the host stops.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_telemetry is not null)
        {
            await _telemetry.DisposeAsync().ConfigureAwait(false);
        }

        await _mqtt.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
        _trusted.Dispose();
    }

    /// <summary>Parses <c>127.0.0.1:8470</c>; only loopback or explicit addresses, never a host name.</summary>
    public static IPEndPoint ParseEndpoint(string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port is >= 0 and <= 65535 ? endpoint : throw new FormatException($"'{text}' is not ADDRESS:PORT, e.g. 127.0.0.1:8470.");
}
