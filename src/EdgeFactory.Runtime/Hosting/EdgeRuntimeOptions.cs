using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Sites;

namespace EdgeFactory.Runtime.Hosting;

/// <summary>What an edge runtime needs to run a site.</summary>
public sealed record EdgeRuntimeOptions
{
    /// <summary>The site to run.</summary>
    public required SiteDefinition Site { get; init; }

    /// <summary>How to reach the site broker; the client id, will and session are set by the runtime.</summary>
    public required MqttClientOptions Broker { get; init; }

    /// <summary>Folder of the task journal (<c>journal.db</c>); it must survive restarts for tasks to.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>How long the broker keeps the edge's session (and queues MES submissions) while the edge is down.</summary>
    public TimeSpan BrokerSessionExpiry { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Version string published with the device's presence.</summary>
    public string SoftwareVersion { get; init; } = SoftwareVersions.Current;

    /// <summary>
    /// A file standing for the site's e-stop button on the simulated GPIO chip (demos and tests): <c>pressed</c> trips
    /// the e-stop, <c>released</c> releases and resets it. Null on a device, where the button is wired to a GPIO line.
    /// </summary>
    public string? SimulatedEmergencyStopFile { get; init; }

    /// <summary>The MQTT client id: the one given with <see cref="Broker"/>, else <c>edge-SITE-DEVICE</c>.</summary>
    public string ClientId => Broker.ClientId.Length > 0 ? Broker.ClientId : $"edge-{Site.SiteId}-{Site.DeviceId}";

    /// <summary>The journal file.</summary>
    public string JournalPath => Path.Combine(DataDirectory, "journal.db");

    /// <summary>Throws when a setting is unusable.</summary>
    public EdgeRuntimeOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Site);
        ArgumentNullException.ThrowIfNull(Broker);
        ArgumentException.ThrowIfNullOrWhiteSpace(DataDirectory);
        Broker.Validate();
        return this;
    }
}
