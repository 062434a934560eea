using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace EdgeFactory.Mqtt.Transport;

/// <summary>The client certificate and key from PEM files, read at each connection attempt so a renewed pair is picked up.</summary>
internal sealed class ClientCertificate(string certificateFile, string keyFile) : IMqttClientCertificatesProvider
{
    /// <inheritdoc />
    public X509CertificateCollection GetCertificates() => [X509Certificate2.CreateFromPemFile(certificateFile, keyFile)];
}
