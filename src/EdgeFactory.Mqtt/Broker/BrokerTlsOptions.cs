namespace EdgeFactory.Mqtt.Broker;

/// <summary>TLS for the embedded broker's listener.</summary>
public sealed record BrokerTlsOptions
{
    /// <summary>PEM CA file, used to verify client certificates.</summary>
    public required string CaFile { get; init; }

    /// <summary>PEM server certificate.</summary>
    public required string CertificateFile { get; init; }

    /// <summary>PEM server key.</summary>
    public required string KeyFile { get; init; }

    /// <summary>Refuse clients that present no certificate signed by <see cref="CaFile"/>.</summary>
    public bool RequireClientCertificate { get; init; }
}
