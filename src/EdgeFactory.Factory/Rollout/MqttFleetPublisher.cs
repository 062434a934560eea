using EdgeFactory.Contracts.Topics;
using EdgeFactory.Mqtt;

namespace EdgeFactory.Factory.Rollout;

/// <summary>Publishes desired states and revocation lists retained at QoS 1 and returns once the broker has them.</summary>
public sealed class MqttFleetPublisher : IFleetPublisher
{
    private readonly MqttClient _client;

    /// <summary>Publishes through <paramref name="client"/>, which the caller connects and disposes.</summary>
    public MqttFleetPublisher(MqttClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc/>
    public Task PublishDesiredAsync(string site, string device, ReadOnlyMemory<byte> document, CancellationToken cancellationToken) =>
        _client.PublishAsync(Topics.EdgeDesired(site, device), document, MqttQos.AtLeastOnce, retain: true, cancellationToken: cancellationToken).AsTask();

    /// <inheritdoc/>
    public Task PublishRevocationsAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken) =>
        _client.PublishAsync(Topics.FleetRevocations, document, MqttQos.AtLeastOnce, retain: true, cancellationToken: cancellationToken).AsTask();
}
