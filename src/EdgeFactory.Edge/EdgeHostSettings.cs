namespace EdgeFactory.Edge;

/// <summary>Settings of an edge process, as given on the command line or by a systemd unit.</summary>
public sealed record EdgeHostSettings
{
    /// <summary>Site file, e.g. <c>robots/sites/demo.yaml</c>.</summary>
    public required string SiteFile { get; init; }

    /// <summary>Site broker address (<c>mqtt://</c> or <c>mqtts://</c>); null with <see cref="EmbeddedBroker"/>.</summary>
    public string? BrokerUrl { get; init; }

    /// <summary>Run a private Mosquitto on loopback instead of connecting to a site broker.</summary>
    public bool EmbeddedBroker { get; init; }

    /// <summary>Folder for the journal and the embedded broker's data; null uses <c>~/.local/share/edgefactory/SITE</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Broker user name.</summary>
    public string? Username { get; init; }

    /// <summary>File holding the broker password (never passed on the command line, where <c>ps</c> shows it).</summary>
    public string? PasswordFile { get; init; }

    /// <summary>CA file for <c>mqtts://</c> brokers.</summary>
    public string? CaFile { get; init; }

    /// <summary>Whether log lines carry colour codes; off when <c>NO_COLOR</c> is set or standard error is not a terminal.</summary>
    public bool ColouredLogs { get; init; }

    /// <summary>A file standing for the simulated e-stop button (<c>pressed</c> / <c>released</c>); null for none.</summary>
    public string? SimulatedEmergencyStopFile { get; init; }

    /// <summary>Minimum log level written to standard error.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
