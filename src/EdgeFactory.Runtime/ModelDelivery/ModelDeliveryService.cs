using EdgeFactory.Models.Signing;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>
/// Runs a site's <see cref="ModelDeliveryAgent"/> in the edge process. At start it swaps the installed, verified versions
/// into their slots from disk (no network) before the site takes its first task; then it follows the factory on a task
/// of its own, so a download, a verification or a model load never holds up the intake or a control loop (a running
/// loop takes a new version at its next action chunk).
/// </summary>
/// <remarks>
/// Delivery has its own MQTT connection (client id <c>edge-SITE-DEVICE-models</c>, clean session) rather than the
/// edge's: the edge's client hands every message it receives to the task intake through one channel and keeps a
/// persistent session that queues MES work while the edge is down. Desired states and the revocation list are
/// retained, so a clean session receives the latest of each on every connect, and delivery traffic never sits in
/// front of a task in the intake's channel.
/// </remarks>
public sealed class ModelDeliveryService : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryFirst = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryMost = TimeSpan.FromSeconds(30);
    private readonly MqttClient _mqtt;
    // Bounds the wait for a registry's answer (headers); a package body streams for as long as it takes.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TrustedKeys _factoryKeys;
    private readonly TrustedKeys _passportKeys;
    private readonly ModelDeliveryAgent _agent;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _topic;
    private readonly Uri _factory;
    private Task _following = Task.CompletedTask;
    private int _stopped;
    private int _disposed;

    /// <summary>Prepares delivery for <paramref name="site"/> into <paramref name="target"/>; nothing runs until <see cref="StartAsync"/>.</summary>
    public ModelDeliveryService(SiteDefinition site, ModelDeliverySettings settings, string dataDirectory, MqttClientOptions broker, IModelSlotTarget target, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(loggers);
        _time = time;
        _logger = loggers.CreateLogger<ModelDeliveryService>();
        _topic = Contracts.Topics.Topics.EdgeDesired(site.SiteId, site.DeviceId);
        _factory = settings.Factory;
        _mqtt = new MqttClient(broker with { ClientId = $"edge-{site.SiteId}-{site.DeviceId}-models", CleanStart = true, SessionExpiry = TimeSpan.Zero, Will = null }, loggers.CreateLogger<MqttClient>(), time);
        _factoryKeys = TrustedKeys.Load(settings.FactoryTrust);
        _passportKeys = TrustedKeys.Load(settings.PassportTrust);
        var options = new ModelDeliveryOptions
        {
            Site = site.SiteId,
            Device = site.DeviceId,
            DeviceType = settings.DeviceType,
            Directory = settings.FolderUnder(dataDirectory),
            StagingQuotaBytes = settings.StagingQuotaBytes,
            Factory = settings.Factory,
        };
        _agent = new ModelDeliveryAgent(options, _mqtt, _http, _factoryKeys, _passportKeys, target, time, loggers.CreateLogger<ModelDeliveryAgent>());
    }

    /// <summary>What runs in each slot now.</summary>
    public IReadOnlyCollection<Contracts.Devices.RunningModel> Running => _agent.Running;

    /// <summary>Restores the installed versions from disk, then starts following the factory in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _agent.RestoreAsync(cancellationToken).ConfigureAwait(false);
        _following = Task.Run(() => FollowAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Stops following; a download in progress is abandoned and resumes at the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host stops it, and disposing stops it again.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _following.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _mqtt.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        _factoryKeys.Dispose();
        _passportKeys.Dispose();
        _stopping.Dispose();
    }

    private async Task FollowAsync(CancellationToken stopping)
    {
        var delay = RetryFirst;
        var connected = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!connected)
                {
                    await _mqtt.ConnectAsync(stopping).ConfigureAwait(false);
                    connected = true;
                    DeliveryLog.Following(_logger, _topic, _factory);
                }

                // The client reconnects and subscribes again by itself; this returns only when stopping.
                await _agent.FollowAsync(stopping).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Stopping: a subscription or publish cut short may surface as the client library's own timeout.
                return;
            }
            catch (Exception e) when (e is MqttException or IOException or TimeoutException)
            {
                // Unreachable at start, or lost while reporting: what runs keeps running; the next report says where it stands.
                DeliveryLog.BrokerUnreachable(_logger, e.Message, delay);
                try
                {
                    await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, RetryMost.Ticks));
            }
        }
    }
}
