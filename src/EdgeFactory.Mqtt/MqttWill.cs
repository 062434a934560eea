namespace EdgeFactory.Mqtt;

/// <summary>The message the broker publishes for a client that disappears without disconnecting.</summary>
/// <param name="Topic">Will topic (no wildcards).</param>
/// <param name="Payload">Will payload.</param>
/// <param name="Qos">Will QoS.</param>
/// <param name="Retain">Whether the broker retains the will.</param>
public sealed record MqttWill(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos = MqttQos.AtLeastOnce, bool Retain = true);
