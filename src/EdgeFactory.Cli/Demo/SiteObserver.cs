using System.Collections.Concurrent;
using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Cli.Demo;

/// <summary>Watches a site's topics and keeps the latest presence and robot states, as a line engineer's screen would.</summary>
internal sealed class SiteObserver
{
    public ConcurrentDictionary<string, RobotStateMessage> Robots { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DeviceOnlineMessage> Devices { get; } = new(StringComparer.Ordinal);

    public long MessagesSeen;

    public long InvalidMessages;

    public async Task RunAsync(MqttClient client, CancellationToken cancellationToken)
    {
        await foreach (var message in client.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref MessagesSeen);
            if (!Topics.TryParse(message.Topic, out var address))
            {
                continue;
            }

            try
            {
                switch (address.Kind)
                {
                    case TopicKind.RobotState when JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.RobotStateMessage) is { } state:
                        Robots[address.Id] = state;
                        break;
                    case TopicKind.EdgeOnline when JsonSerializer.Deserialize(message.Payload.Span, ContractsJsonContext.Default.DeviceOnlineMessage) is { } presence:
                        Devices[address.Id] = presence;
                        break;
                    default:
                        break;
                }
            }
            catch (JsonException)
            {
                Interlocked.Increment(ref InvalidMessages);
            }
        }
    }
}
