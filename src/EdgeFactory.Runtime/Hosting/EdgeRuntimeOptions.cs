using EdgeFactory.Mqtt;
using EdgeFactory.Runtime.Sites;

namespace EdgeFactory.Runtime.Hosting;

/// <summary>What an edge runtime needs to run a site.</summary>
public sealed record EdgeRuntimeOptions
{
    /// <summary>The site to run.</summary>
    public required SiteDefinition Site { get; init; }

    /// <summary>How to reach the site broker; the client id and will are set by the runtime.</summary>
    public required MqttClientOptions Broker { get; init; }

    /// <summary>Version string published with the device's presence.</summary>
    public string SoftwareVersion { get; init; } = typeof(EdgeRuntimeOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Throws when a setting is unusable.</summary>
    public EdgeRuntimeOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Site);
        ArgumentNullException.ThrowIfNull(Broker);
        Broker.Validate();
        return this;
    }
}
