using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

public sealed class PresenceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task EdgeKilled_BrokerPublishesTheWill_DeviceOffline()
    {
        await using var observer = await fixture.ConnectAsync();
        await observer.SubscribeAsync(Topics.EverythingAt("demo"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var edge = CliProcess.Start("edge", "run", "--site", "robots/sites/demo.yaml", "--broker", fixture.Broker.Url, "--data", Directory.CreateTempSubdirectory("ef-edge-").FullName);
        await edge.WaitForLineAsync("ready site=demo");
        await ReadPresenceAsync(observer, DevicePresence.Online);

        await edge.KillAsync();
        var will = await ReadPresenceAsync(observer, DevicePresence.Offline);

        Assert.Equal("jetson-demo-1", will.DeviceId);
        Assert.Null(will.Since);
    }

    [Fact]
    public async Task EdgeStopped_PublishesRobotsAndDeviceOffline()
    {
        await using var observer = await fixture.ConnectAsync();
        await observer.SubscribeAsync(Topics.EverythingAt("demo"), MqttQos.AtLeastOnce, null, CancellationToken.None);
        await using var edge = CliProcess.Start("edge", "run", "--site", "robots/sites/demo.yaml", "--broker", fixture.Broker.Url, "--data", Directory.CreateTempSubdirectory("ef-edge-").FullName);
        await edge.WaitForLineAsync("ready site=demo");
        await ReadPresenceAsync(observer, DevicePresence.Online);

        // SIGTERM, as systemd sends it on stop.
        System.Diagnostics.Process.Start("kill", ["-TERM", edge.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        var offline = await ReadPresenceAsync(observer, DevicePresence.Offline);

        Assert.Equal(0, await edge.WaitForExitAsync());
        Assert.NotNull(offline.Since);
    }

    private static async Task<DeviceOnlineMessage> ReadPresenceAsync(MqttClient observer, DevicePresence presence)
    {
        var message = await Eventually.ReadUntilAsync(
            observer.Messages,
            m => Topics.TryParse(m.Topic, out var a) && a.Kind == TopicKind.EdgeOnline
                 && JsonSerializer.Deserialize(m.Payload.Span, ContractsJsonContext.Default.DeviceOnlineMessage)!.Presence == presence,
            $"device {presence}");
        return JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.DeviceOnlineMessage)!;
    }
}
