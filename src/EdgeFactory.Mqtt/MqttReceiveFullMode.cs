namespace EdgeFactory.Mqtt;

/// <summary>What the client does when its bounded queue of received messages is full.</summary>
public enum MqttReceiveFullMode
{
    /// <summary>Stop reading from the network until the consumer catches up; the broker buffers (QoS ≥ 1) or TCP pushes back. Nothing is lost.</summary>
    Wait,

    /// <summary>Drop the new message and count it in <see cref="MqttClient.DroppedMessages"/>.</summary>
    DropNewest,
}
