using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;
using EdgeFactory.Mqtt.Broker;
using EdgeFactory.Runtime.Tests.Intake;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Presence;

/// <summary>Retained presence and robot states after the broker lost them; a broker of its own, since it is restarted.</summary>
public sealed class RetainedStateTests : IAsyncLifetime
{
    private readonly BrokerFixture _broker = new() { Options = new BrokerOptions { Persistence = false } };

    [Fact]
    public async Task BrokerRestartWithoutPersistence_PresenceAndEveryRobotStateRetainedAgain()
    {
        await using var site = await SiteHarness.StartAsync(_broker, "  - id: conveyor-1\n    kind: conveyor\n    simulation: { step_time: 1ms, jitter: 0 }\n  - id: conveyor-2\n    kind: conveyor\n    simulation: { step_time: 1ms, jitter: 0 }\n");
        Assert.Equal(3, await RetainedAsync(site.SiteId));

        await _broker.Broker.StopAsync(CancellationToken.None);
        await _broker.Broker.RestartAsync(CancellationToken.None);

        // A fresh subscriber sees what is retained now: the edge has published it again on its own.
        var retained = 0;
        await Eventually.TrueAsync(() => (retained = RetainedAsync(site.SiteId).GetAwaiter().GetResult()) == 3, "presence and both robot states retained again", TimeSpan.FromSeconds(60));
        await site.Mes.SubmitAsync("""{"taskId":"after","taskType":"index"}""");
        await site.Mes.WaitForStateAsync("after", TaskState.Completed, TimeSpan.FromSeconds(60));
    }

    // Presence online and robot states not offline, as a tool discovering the site from retained state sees them.
    private async Task<int> RetainedAsync(string siteId)
    {
        await using var reader = new MqttClient(_broker.ClientOptions());
        try
        {
            await reader.ConnectAsync(CancellationToken.None);
        }
        catch (MqttException)
        {
            return 0;
        }

        await reader.SubscribeAsync(Topics.EverythingAt(siteId), MqttQos.AtLeastOnce, null, CancellationToken.None);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            await foreach (var message in reader.Messages.ReadAllAsync(quiet.Token))
            {
                using (message)
                {
                    if (!Topics.TryParse(message.Topic, out var address))
                    {
                        continue;
                    }

                    if (address.Kind == TopicKind.EdgeOnline
                        && JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.DeviceOnlineMessage)!.Presence == DevicePresence.Online)
                    {
                        seen.Add(message.Topic);
                    }
                    else if (address.Kind == TopicKind.RobotState
                        && JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.RobotStateMessage)!.Mode != RobotMode.Offline)
                    {
                        seen.Add(message.Topic);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Read what arrived.
        }

        return seen.Count;
    }

    public Task InitializeAsync() => _broker.InitializeAsync();

    public Task DisposeAsync() => _broker.DisposeAsync();
}
