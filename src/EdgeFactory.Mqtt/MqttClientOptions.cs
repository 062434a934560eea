namespace EdgeFactory.Mqtt;

/// <summary>Settings of one <see cref="MqttClient"/>; checked by <see cref="Validate"/> before anything connects.</summary>
public sealed record MqttClientOptions
{
    /// <summary>Broker host name or address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Broker port; 1883 plain, 8883 TLS by convention.</summary>
    public int Port { get; init; } = 1883;

    /// <summary>Client id; stable ids let the broker keep the session across reconnects. Empty lets the broker assign one.</summary>
    public string ClientId { get; init; } = string.Empty;

    /// <summary>Start with a fresh session instead of resuming the broker's stored one.</summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>Keep-alive interval.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps this client's session (subscriptions, queued QoS ≥ 1 messages) after a disconnect; zero ends it with the connection. Needs a stable <see cref="ClientId"/>.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.Zero;

    /// <summary>User name, when the broker requires one.</summary>
    public string? Username { get; init; }

    /// <summary>Password; never logged.</summary>
    public string? Password { get; init; }

    /// <summary>TLS settings; null for a plain TCP connection.</summary>
    public MqttTlsOptions? Tls { get; init; }

    /// <summary>Message the broker publishes when this client disappears.</summary>
    public MqttWill? Will { get; init; }

    /// <summary>How long <see cref="MqttClient.ConnectAsync"/> waits for the broker's CONNACK.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before reconnecting after a lost connection; doubles up to <see cref="ReconnectDelayMax"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the reconnect delay.</summary>
    public TimeSpan ReconnectDelayMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Random extra wait, between zero and this, before the first reconnect after a lost connection, so the devices of
    /// a site do not all reconnect in the same instant after a broker restart; zero disables it.
    /// </summary>
    public TimeSpan ReconnectJitter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages received but not yet read that the client holds before <see cref="ReceiveFullMode"/> applies.</summary>
    public int ReceiveCapacity { get; init; } = 10_000;

    /// <summary>
    /// QoS 1 and 2 messages the broker may send before this client acknowledged them (MQTT 5 receive maximum). A message is
    /// acknowledged once it is in the receive queue, so while the queue is full the broker holds the rest.
    /// </summary>
    public int ReceiveMaximum { get; init; } = 1_000;

    /// <summary>Policy when the receive queue is full.</summary>
    public MqttReceiveFullMode ReceiveFullMode { get; init; } = MqttReceiveFullMode.Wait;

    /// <summary>
    /// When true, a received QoS 1 or 2 message is acknowledged only when its reader calls
    /// <see cref="MqttMessage.AcknowledgeAsync"/> (after it made the message durable, say), not once it is queued: a
    /// process that dies before then gets it again from its persistent session.
    /// </summary>
    public bool AcknowledgeWhenHandled { get; init; }

    /// <summary>What QoS 1 and 2 publishes do while disconnected.</summary>
    public MqttOfflinePublishing OfflinePublishing { get; init; } = MqttOfflinePublishing.Queue;

    /// <summary>QoS 1 and 2 publishes not yet acknowledged (in flight or queued while offline) before further ones fail with <see cref="MqttErrorCode.QueueFull"/>.</summary>
    public int MaxPendingPublishes { get; init; } = 100_000;

    /// <summary>QoS 1 and 2 messages in flight at once (0 for no limit).</summary>
    public int MaxInflight { get; init; } = 100;

    /// <summary>Throws <see cref="MqttException"/> with <see cref="MqttErrorCode.InvalidArgument"/> naming the first bad setting.</summary>
    public MqttClientOptions Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Host), "Host must be set.");
        Require(Port is > 0 and <= 65535, $"Port {Port} is outside 1-65535.");
        Require(ClientId.Length <= 65535, "ClientId is longer than 65535 characters.");
        Require(ClientId.Length > 0 || CleanStart, "A persistent session (CleanStart = false) needs a stable ClientId.");
        Require(KeepAlive >= TimeSpan.FromSeconds(5) && KeepAlive <= TimeSpan.FromSeconds(65535), "KeepAlive must be between 5 s and 65535 s.");
        Require(Password is null || Username is not null, "A Password needs a Username.");
        Require(ConnectTimeout > TimeSpan.Zero, "ConnectTimeout must be positive.");
        Require(ReconnectDelay >= TimeSpan.FromSeconds(1) && ReconnectDelayMax >= ReconnectDelay, "ReconnectDelay must be at least 1 s and not above ReconnectDelayMax.");
        Require(ReconnectJitter >= TimeSpan.Zero && ReconnectJitter <= TimeSpan.FromMinutes(1), "ReconnectJitter must be between 0 and 1 minute.");
        Require(ReceiveCapacity > 0, "ReceiveCapacity must be positive.");
        Require(MaxInflight >= 0, "MaxInflight must not be negative.");
        Require(ReceiveMaximum is > 0 and <= 65535, "ReceiveMaximum must be between 1 and 65535.");
        Require(MaxPendingPublishes > 0, "MaxPendingPublishes must be positive.");
        Require(SessionExpiry >= TimeSpan.Zero && SessionExpiry.TotalSeconds <= uint.MaxValue, "SessionExpiry must be between 0 and 2^32-1 seconds.");
        Require(SessionExpiry == TimeSpan.Zero || ClientId.Length > 0, "A SessionExpiry needs a stable ClientId to resume the session by.");
        if (Tls is not null)
        {
            Require(File.Exists(Tls.CaFile), $"TLS CA file '{Tls.CaFile}' does not exist.");
            Require((Tls.CertificateFile is null) == (Tls.KeyFile is null), "TLS CertificateFile and KeyFile go together.");
            Require(Tls.CertificateFile is null || File.Exists(Tls.CertificateFile), $"TLS certificate file '{Tls.CertificateFile}' does not exist.");
            Require(Tls.KeyFile is null || File.Exists(Tls.KeyFile), $"TLS key file '{Tls.KeyFile}' does not exist.");
        }

        if (Will is not null)
        {
            MqttTopic.ValidateTopicName(Will.Topic);
        }

        return this;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new MqttException(MqttErrorCode.InvalidArgument, $"Invalid MQTT client options: {message}");
        }
    }
}
