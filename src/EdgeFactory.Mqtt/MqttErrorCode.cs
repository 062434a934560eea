namespace EdgeFactory.Mqtt;

/// <summary>Stable codes for everything that can go wrong talking MQTT; callers switch on these, not on messages.</summary>
public enum MqttErrorCode
{
    /// <summary>An argument or option is invalid.</summary>
    InvalidArgument,

    /// <summary>A topic or filter is empty, too long, not UTF-8, or has wildcards where none are allowed.</summary>
    InvalidTopic,

    /// <summary>The payload is larger than the client or broker allows.</summary>
    PayloadTooLarge,

    /// <summary>The operation needs a connection and there is none (and queueing is off or full).</summary>
    NotConnected,

    /// <summary>The broker refused the connection for a reason other than credentials.</summary>
    ConnectionRefused,

    /// <summary>Bad user name or password, or the client is not allowed to do this.</summary>
    NotAuthorized,

    /// <summary>TLS handshake or certificate verification failed.</summary>
    TlsFailure,

    /// <summary>The broker's address could not be resolved or reached.</summary>
    BrokerUnreachable,

    /// <summary>The connection dropped while the operation was in flight.</summary>
    ConnectionLost,

    /// <summary>The broker broke the protocol or answered with an error reason code.</summary>
    ProtocolError,

    /// <summary>The operation did not finish in time.</summary>
    Timeout,

    /// <summary>The client has been disposed.</summary>
    Disposed,

    /// <summary>The local queue of publishes waiting for a connection is full.</summary>
    QueueFull,

    /// <summary>Anything the MQTT library reports that has no better code; the message carries its text.</summary>
    Unknown,
}
