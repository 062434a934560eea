namespace EdgeFactory.Mqtt;

/// <summary>What a QoS 1 or 2 publish does while the client is not connected.</summary>
public enum MqttOfflinePublishing
{
    /// <summary>Keep it in a bounded local queue and send it after reconnecting; the publish completes when the broker acknowledges it.</summary>
    Queue,

    /// <summary>Throw <see cref="MqttErrorCode.NotConnected"/> at once.</summary>
    FailFast,
}
