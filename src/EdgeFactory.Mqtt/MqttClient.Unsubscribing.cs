using MQTTnet;

namespace EdgeFactory.Mqtt;

/// <summary>Unsubscribing: the filter is forgotten at once (never sent again after a reconnect) and removed at the broker when connected.</summary>
public sealed partial class MqttClient
{
    /// <summary>
    /// Ends the subscription to <paramref name="filter"/>; in a shared subscription the broker then sends this client's
    /// share to the group's other members. Messages already delivered are still read from <see cref="Messages"/>.
    /// </summary>
    public async Task UnsubscribeAsync(string filter, CancellationToken cancellationToken)
    {
        MqttTopic.ValidateFilter(filter);
        ThrowIfDisposed();
        _filters.TryRemove(filter, out _);
        if (State != MqttConnectionState.Connected)
        {
            return;
        }

        await _client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(filter).Build(), cancellationToken).ConfigureAwait(false);
    }
}
