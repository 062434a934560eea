namespace EdgeFactory.Mqtt;

/// <summary>TLS settings of a connection; the broker's certificate and host name are always verified.</summary>
public sealed record MqttTlsOptions
{
    /// <summary>PEM file of the CA certificates that may sign the broker's certificate.</summary>
    public required string CaFile { get; init; }

    /// <summary>PEM client certificate, for brokers that require one.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="CertificateFile"/> (unencrypted).</summary>
    public string? KeyFile { get; init; }
}
