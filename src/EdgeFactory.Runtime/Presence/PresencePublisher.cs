using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Execution;
using EdgeFactory.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Presence;

/// <summary>
/// Connects the device to its site broker and keeps its retained presence right: online with every robot's state on
/// start, degraded while a part of the edge is being restarted, robots and device offline on a clean stop, and the
/// broker's will (offline) when the process dies without stopping. After every reconnect it publishes presence and
/// robot states again: the broker may have restarted without its retained messages, or sent the will meanwhile.
/// </summary>
internal sealed partial class PresencePublisher(
    EdgeRuntimeOptions options,
    MqttClient client,
    RobotStatePublisher robots,
    TimeProvider time,
    ILogger<PresencePublisher> logger) : IHostedService, IDeviceHealth
{
    private readonly Lock _gate = new();
    private DeviceOnlineMessage? _current;
    private bool _stopping;

    /// <summary>The presence published last; null before start.</summary>
    public DeviceOnlineMessage? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var site = options.Site;
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        foreach (var robot in site.Robots)
        {
            await robots.PublishAsync(robot, RobotMode.Idle, null, null, cancellationToken).ConfigureAwait(false);
        }

        await SetAsync(DevicePresence.Online, null, cancellationToken).ConfigureAwait(false);
        client.Connected += OnConnected;
        Online(logger, site.SiteId, site.DeviceId, site.Robots.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var site = options.Site;
        client.Connected -= OnConnected;
        lock (_gate)
        {
            _stopping = true;
        }

        if (client.State != MqttConnectionState.Connected)
        {
            return;
        }

        foreach (var robot in site.Robots)
        {
            await robots.PublishAsync(robot, RobotMode.Offline, null, null, cancellationToken).ConfigureAwait(false);
        }

        await Publish(new DeviceOnlineMessage(site.DeviceId, DevicePresence.Offline, options.SoftwareVersion, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        Offline(logger, site.SiteId, site.DeviceId);
    }

    /// <summary>Marks the device degraded with a reason people can read (a part of it failed and is being restarted).</summary>
    public Task ReportDegradedAsync(string reason, CancellationToken cancellationToken)
    {
        Degraded(logger, options.Site.SiteId, options.Site.DeviceId, reason);
        return TrySetAsync(DevicePresence.Degraded, reason, cancellationToken);
    }

    /// <summary>Marks the device online again once what made it degraded runs again.</summary>
    public Task ReportHealthyAsync(CancellationToken cancellationToken)
    {
        if (Current is not { Presence: DevicePresence.Degraded })
        {
            return Task.CompletedTask;
        }

        Recovered(logger, options.Site.SiteId, options.Site.DeviceId);
        return TrySetAsync(DevicePresence.Online, null, cancellationToken);
    }

    private async Task TrySetAsync(DevicePresence presence, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            await SetAsync(presence, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (MqttException e)
        {
            // Retained and republished on every reconnect: the broker gets the current presence when it is back.
            NotPublished(logger, options.Site.DeviceId, e.Message);
        }
    }

    private async Task SetAsync(DevicePresence presence, string? reason, CancellationToken cancellationToken)
    {
        DeviceOnlineMessage message;
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _current = message = new DeviceOnlineMessage(options.Site.DeviceId, presence, options.SoftwareVersion, time.GetUtcNow(), reason);
        }

        await Publish(message, cancellationToken).ConfigureAwait(false);
    }

    // Every reconnect, session kept or not: a broker that kept the session has still published the will meanwhile.
    private void OnConnected(object? sender, MqttConnectedArguments connection)
    {
        if (!connection.IsReconnect)
        {
            return;
        }

        // Raised on the client's connection path, which must not wait for the acknowledgements.
        _ = Task.Run(RepublishAsync);
    }

    private async Task RepublishAsync()
    {
        Republishing(logger, options.Site.SiteId, options.Site.DeviceId);
        robots.RepublishAll();
        if (Current is { } current && current.Presence != DevicePresence.Offline)
        {
            try
            {
                await Publish(current, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MqttException e)
            {
                NotPublished(logger, options.Site.DeviceId, e.Message);
            }
        }
    }

    private async Task Publish(DeviceOnlineMessage presence, CancellationToken cancellationToken) =>
        await client.PublishAsync(
            Topics.EdgeOnline(options.Site.SiteId, presence.DeviceId),
            JsonSerializer.SerializeToUtf8Bytes(presence, ContractsJsonContext.Default.DeviceOnlineMessage),
            MqttQos.AtLeastOnce,
            retain: true,
            cancellationToken: cancellationToken).ConfigureAwait(false);

    [LoggerMessage(2000, LogLevel.Information, "Site {SiteId} online as device {DeviceId} with {RobotCount} robots")]
    private static partial void Online(ILogger logger, string siteId, string deviceId, int robotCount);

    [LoggerMessage(2001, LogLevel.Information, "Site {SiteId} device {DeviceId} went offline cleanly")]
    private static partial void Offline(ILogger logger, string siteId, string deviceId);

    [LoggerMessage(2002, LogLevel.Error, "Site {SiteId} device {DeviceId} is degraded: {Reason}")]
    private static partial void Degraded(ILogger logger, string siteId, string deviceId, string reason);

    [LoggerMessage(2003, LogLevel.Information, "Site {SiteId} device {DeviceId} is healthy again")]
    private static partial void Recovered(ILogger logger, string siteId, string deviceId);

    [LoggerMessage(2004, LogLevel.Information, "Site {SiteId} device {DeviceId} reconnected; publishing its presence and robot states again")]
    private static partial void Republishing(ILogger logger, string siteId, string deviceId);

    [LoggerMessage(2005, LogLevel.Warning, "Presence of device {DeviceId} not published now ({Reason}); it is published again on reconnect")]
    private static partial void NotPublished(ILogger logger, string deviceId, string reason);
}
