using System.Net;
using EdgeFactory.Mqtt;

using EdgeFactory.Factory.Rollout.Waves;

namespace EdgeFactory.Factory;

/// <summary>How a factory runs: where it listens, its broker, its database and data, its signing key and the keys it trusts.</summary>
public sealed record FactoryOptions
{
    /// <summary>Address and port to listen on (port 0: any free one).</summary>
    public IPEndPoint Http { get; init; } = new(IPAddress.Loopback, 8470);

    /// <summary>Broker that desired states and revocations are published on.</summary>
    public MqttBrokerAddress Broker { get; init; } = new("127.0.0.1", 1883, false);

    /// <summary>Broker user name, if the broker asks for one.</summary>
    public string? BrokerUsername { get; init; }

    /// <summary>Broker password.</summary>
    public string? BrokerPassword { get; init; }

    /// <summary>SQLite file or <c>postgres://</c> URL; default <c>DATA/factory.db</c>.</summary>
    public string? Database { get; init; }

    /// <summary>Folder of the blobs (and the default SQLite file).</summary>
    public string DataDirectory { get; init; } = "factory-data";

    /// <summary>Private key that signs desired states and revocation lists.</summary>
    public string SigningKey { get; init; } = string.Empty;

    /// <summary>Folder of the public keys whose passports the registry accepts.</summary>
    public string TrustDirectory { get; init; } = string.Empty;

    /// <summary>File of the bearer tokens (<c>NAME SHA256HEX</c> per line) that may push, assign, revoke and change groups.</summary>
    public string TokensFile { get; init; } = string.Empty;

    /// <summary>URL devices download from; default: the HTTP address.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>How often the rollout controller looks for waves whose bake time is over.</summary>
    public TimeSpan RolloutInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How rollouts judge their waves.</summary>
    public RolloutOptions Rollouts { get; init; } = new();

    /// <summary>
    /// This instance's name, unique among the factory's instances and the same across its restarts: its telemetry
    /// session (so windows it took but had not stored come back to it) and its lease holder are named after it.
    /// </summary>
    public string InstanceId { get; init; } = Environment.MachineName;

    /// <summary>How this instance takes its share of telemetry.</summary>
    public Telemetry.TelemetryIngestOptions Ingest { get; init; } = new();

    /// <summary>How long the rollout controller's lease lasts unless renewed (renewed every third of it).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    public FactoryOptions Validate()
    {
        if (RolloutInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("The rollout interval must be positive.");
        }

        Rollouts.Validate();
        if (string.IsNullOrWhiteSpace(SigningKey) || !File.Exists(SigningKey))
        {
            throw new ArgumentException($"The signing key '{SigningKey}' does not exist; make one with 'edgefactory keys new'.");
        }

        if (string.IsNullOrWhiteSpace(TrustDirectory) || !Directory.Exists(TrustDirectory))
        {
            throw new ArgumentException($"The trust folder '{TrustDirectory}' does not exist.");
        }

        if (string.IsNullOrWhiteSpace(TokensFile) || !File.Exists(TokensFile))
        {
            throw new ArgumentException($"The tokens file '{TokensFile}' does not exist; every change to the factory needs a token: make one with 'edgefactory factory token new'.");
        }

        if (Broker.UseTls)
        {
            throw new ArgumentException("The factory connects to its broker over plain MQTT on a trusted network for now; give an mqtt:// broker.");
        }

        if (PublicUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException($"The public URL '{PublicUrl}' is not absolute.");
        }

        Ingest.Validate();
        if (string.IsNullOrWhiteSpace(InstanceId) || LeaseDuration < TimeSpan.FromMilliseconds(300))
        {
            throw new ArgumentException($"The instance id must not be empty (it is '{InstanceId}') and the lease must last at least 300 ms (not {LeaseDuration}).");
        }

        return this;
    }
}
