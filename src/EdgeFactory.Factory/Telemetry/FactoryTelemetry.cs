using EdgeFactory.Factory.Leases;
using EdgeFactory.Factory.Storage;
using EdgeFactory.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>
/// A factory instance's telemetry side: its own MQTT session (persistent, named after the instance, acknowledging
/// windows only once stored) in the shared subscription, the ingest workers, and the rollout controller's lease.
/// </summary>
internal sealed class FactoryTelemetry : IAsyncDisposable
{
    /// <summary>Name of the lease the rollout controller runs under.</summary>
    public const string RolloutLease = "rollout-controller";

    private readonly MqttClient _client;
    private readonly ILeaseStore _leases;
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    private FactoryTelemetry(MqttClient client, ITelemetryStore store, ILeaseStore leases, TelemetryIngest ingest, LeaseKeeper lease)
    {
        (_client, Store, _leases, Ingest, Lease) = (client, store, leases, ingest, lease);
    }

    public ITelemetryStore Store { get; }

    public TelemetryIngest Ingest { get; }

    public LeaseKeeper Lease { get; }

    public static async Task<FactoryTelemetry> StartAsync(FactoryOptions options, string database, IRegistryStore registry, ILoggerFactory? logging, TimeProvider time, CancellationToken cancellationToken)
    {
        logging ??= NullLoggerFactory.Instance;
        var store = await TelemetryStores.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        var leases = await TelemetryStores.OpenLeasesAsync(database, cancellationToken).ConfigureAwait(false);
        // The devices assigned so far, in one query, so the ingest asks the registry only about devices new since.
        var devices = new AssignedDevices(registry);
        await devices.LoadAsync(cancellationToken).ConfigureAwait(false);
        var client = new MqttClient(
            new MqttClientOptions
            {
                Host = options.Broker.Host,
                Port = options.Broker.Port,
                ClientId = $"factory-ingest-{options.InstanceId}",
                Username = options.BrokerUsername,
                Password = options.BrokerPassword,
                CleanStart = false,
                SessionExpiry = TimeSpan.FromDays(1),
                AcknowledgeWhenHandled = true,
                // Room for every worker's next batch while the current ones are stored; the broker holds the rest
                // (unacknowledged windows count against the receive maximum).
                ReceiveCapacity = options.Ingest.Workers * options.Ingest.BatchSize,
                ReceiveMaximum = Math.Min(65_535, 2 * options.Ingest.Workers * options.Ingest.BatchSize),
            }.Validate(),
            logging.CreateLogger<MqttClient>(),
            time);
        var ingest = new TelemetryIngest(client, store, devices, options.Ingest, time, logging.CreateLogger<TelemetryIngest>());
        var lease = new LeaseKeeper(leases, RolloutLease, options.InstanceId, options.LeaseDuration, time, logging.CreateLogger<LeaseKeeper>());
        var telemetry = new FactoryTelemetry(client, store, leases, ingest, lease);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await ingest.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        telemetry._running = ingest.RunAsync(telemetry._stopping.Token);
        lease.Start();
        return telemetry;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A clean stop hands this instance's share to the others; a killed instance's share waits in its session for its return.
            await Ingest.LeaveAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }
        catch (MqttException)
        {
            // Not connected: the broker keeps the session; the windows come back when this instance does.
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        await Lease.DisposeAsync().ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        await _leases.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
