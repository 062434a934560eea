using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Runtime.Presence;

/// <summary>
/// Connects the device to its site broker and keeps its retained presence right: online with every
/// robot's state on start, robots and device offline on a clean stop, and the broker's will
/// (offline) when the process dies without stopping.
/// </summary>
internal sealed partial class PresencePublisher(
    EdgeRuntimeOptions options,
    MqttClient client,
    TimeProvider time,
    ILogger<PresencePublisher> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var site = options.Site;
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        foreach (var robot in site.Robots)
        {
            await PublishRobotAsync(new RobotStateMessage(robot.RobotId, robot.Kind, RobotMode.Idle, now), cancellationToken).ConfigureAwait(false);
        }

        await PublishPresenceAsync(new DeviceOnlineMessage(site.DeviceId, DevicePresence.Online, options.SoftwareVersion, now), cancellationToken).ConfigureAwait(false);
        Online(logger, site.SiteId, site.DeviceId, site.Robots.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var site = options.Site;
        if (client.State != MqttConnectionState.Connected)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var robot in site.Robots)
        {
            await PublishRobotAsync(new RobotStateMessage(robot.RobotId, robot.Kind, RobotMode.Offline, now), cancellationToken).ConfigureAwait(false);
        }

        await PublishPresenceAsync(new DeviceOnlineMessage(site.DeviceId, DevicePresence.Offline, options.SoftwareVersion, now), cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        Offline(logger, site.SiteId, site.DeviceId);
    }

    private ValueTask PublishRobotAsync(RobotStateMessage state, CancellationToken cancellationToken) =>
        client.PublishAsync(
            Topics.RobotState(options.Site.SiteId, state.RobotId),
            JsonSerializer.SerializeToUtf8Bytes(state, ContractsJsonContext.Default.RobotStateMessage),
            MqttQos.AtLeastOnce,
            retain: true,
            cancellationToken: cancellationToken);

    private ValueTask PublishPresenceAsync(DeviceOnlineMessage presence, CancellationToken cancellationToken) =>
        client.PublishAsync(
            Topics.EdgeOnline(options.Site.SiteId, presence.DeviceId),
            JsonSerializer.SerializeToUtf8Bytes(presence, ContractsJsonContext.Default.DeviceOnlineMessage),
            MqttQos.AtLeastOnce,
            retain: true,
            cancellationToken: cancellationToken);

    [LoggerMessage(2000, LogLevel.Information, "Site {SiteId} online as device {DeviceId} with {RobotCount} robots")]
    private static partial void Online(ILogger logger, string siteId, string deviceId, int robotCount);

    [LoggerMessage(2001, LogLevel.Information, "Site {SiteId} device {DeviceId} went offline cleanly")]
    private static partial void Offline(ILogger logger, string siteId, string deviceId);
}
