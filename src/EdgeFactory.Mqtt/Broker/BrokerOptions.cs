namespace EdgeFactory.Mqtt.Broker;

/// <summary>How to run an embedded Mosquitto broker.</summary>
public sealed record BrokerOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Folder for the config, password and ACL files and the persistence database; null makes a temporary one, deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Keep retained messages and persistent sessions across broker restarts.</summary>
    public bool Persistence { get; init; } = true;

    /// <summary>Users; when any are given, anonymous clients are refused and every user is confined to its ACL.</summary>
    public IReadOnlyList<BrokerUser> Users { get; init; } = [];

    /// <summary>TLS for the listener; null for plain TCP.</summary>
    public BrokerTlsOptions? Tls { get; init; }

    /// <summary>QoS 1 and 2 messages the broker queues per client beyond those in flight.</summary>
    public int MaxQueuedMessages { get; init; } = 1_000_000;

    /// <summary>Largest packet the broker accepts, in bytes (0 for the protocol's limit).</summary>
    public int MaxPacketSize { get; init; }

    /// <summary>Path of the <c>mosquitto</c> executable; null searches PATH, then <c>/usr/sbin</c>.</summary>
    public string? Executable { get; init; }

    /// <summary>How long to wait for the broker to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public BrokerOptions Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Broker port {Port} is outside 0-65535.", nameof(Port));
        }

        if (MaxQueuedMessages < 0 || MaxPacketSize < 0)
        {
            throw new ArgumentException("MaxQueuedMessages and MaxPacketSize must not be negative.");
        }

        foreach (var user in Users)
        {
            if (string.IsNullOrEmpty(user.Name) || user.Name.Contains(':', StringComparison.Ordinal) || string.IsNullOrEmpty(user.Password))
            {
                throw new ArgumentException($"Broker user '{user.Name}' needs a name without ':' and a non-empty password.", nameof(Users));
            }
        }

        return this;
    }
}
