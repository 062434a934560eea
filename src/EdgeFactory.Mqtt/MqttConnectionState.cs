namespace EdgeFactory.Mqtt;

/// <summary>Where a client's connection stands.</summary>
public enum MqttConnectionState
{
    /// <summary>Not connected and not trying.</summary>
    Disconnected,

    /// <summary>First connection attempt in progress.</summary>
    Connecting,

    /// <summary>Connected; the broker accepted the session.</summary>
    Connected,

    /// <summary>The connection dropped; reconnecting with backoff.</summary>
    Reconnecting,
}
