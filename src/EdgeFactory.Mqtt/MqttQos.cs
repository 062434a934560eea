namespace EdgeFactory.Mqtt;

/// <summary>MQTT delivery guarantee.</summary>
public enum MqttQos
{
    /// <summary>QoS 0: fire and forget.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: acknowledged; may be delivered more than once.</summary>
    AtLeastOnce = 1,

    /// <summary>QoS 2: exactly once, with a four-way handshake.</summary>
    ExactlyOnce = 2,
}
