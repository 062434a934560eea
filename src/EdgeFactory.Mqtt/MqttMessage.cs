namespace EdgeFactory.Mqtt;

/// <summary>A message received from the broker.</summary>
/// <param name="Topic">Topic it was published on.</param>
/// <param name="Payload">Payload bytes (owned by this message).</param>
/// <param name="Qos">QoS it was delivered with.</param>
/// <param name="Retain">Whether it came from the broker's retained store.</param>
/// <param name="Properties">MQTT 5 properties, or null when it had none.</param>
public sealed record MqttMessage(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos, bool Retain, MqttMessageProperties? Properties);
