using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Factory.Fleet;

/// <summary>Feeds a <see cref="FleetView"/> from every site's retained presence and reported-state topics.</summary>
public static class FleetWatcher
{
    /// <summary>The filters the factory subscribes to for its fleet view.</summary>
    public static IReadOnlyList<string> Filters { get; } = [Topics.EveryEdgeOnline, Topics.EveryEdgeReported];

    /// <summary>Subscribes <paramref name="mqtt"/> and applies what it receives until cancelled.</summary>
    public static async Task RunAsync(MqttClient mqtt, FleetView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(view);
        foreach (var filter in Filters)
        {
            await mqtt.SubscribeAsync(filter, MqttQos.AtLeastOnce, null, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var message in mqtt.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            using (message)
            {
                view.Apply(message.Topic, message.Payload.Span);
            }
        }
    }
}
