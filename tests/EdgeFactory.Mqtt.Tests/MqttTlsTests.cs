using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeFactory.Mqtt.Broker;

namespace EdgeFactory.Mqtt.Tests;

public sealed class MqttTlsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("edgefactory-tls-");

    [Fact]
    public async Task Connect_BrokerCertificateSignedByTrustedCa_Succeeds()
    {
        var (ca, caKey) = MintCa("site CA");
        await using var broker = await StartTlsBrokerAsync(ca, caKey);
        await using var client = new MqttClient(new MqttClientOptions { Host = "localhost", Port = broker.Port, Tls = new MqttTlsOptions { CaFile = WritePem("ca.pem", ca) } });

        await client.ConnectAsync(CancellationToken.None);
        await client.PublishAsync("tls/ok", "x"u8.ToArray(), MqttQos.AtLeastOnce);

        Assert.Equal(MqttConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task Connect_WrongCa_FailsWithTlsFailure()
    {
        var (ca, caKey) = MintCa("site CA");
        var (other, _) = MintCa("someone else's CA");
        await using var broker = await StartTlsBrokerAsync(ca, caKey);
        await using var client = new MqttClient(new MqttClientOptions
        {
            Host = "localhost", Port = broker.Port, ConnectTimeout = TimeSpan.FromSeconds(5), Tls = new MqttTlsOptions { CaFile = WritePem("other.pem", other) },
        });

        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.Equal(MqttErrorCode.TlsFailure, error.Code);
        Assert.Contains("CA file", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private async Task<MosquittoBroker> StartTlsBrokerAsync(X509Certificate2 ca, ECDsa caKey)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var server = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        var keyFile = Path.Combine(_dir.FullName, "server.key");
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        var options = new BrokerOptions
        {
            Tls = new BrokerTlsOptions { CaFile = WritePem("broker-ca.pem", ca), CertificateFile = WritePem("server.pem", server), KeyFile = keyFile },
        };
        return await MosquittoBroker.StartAsync(options, null, CancellationToken.None);
    }

    private static (X509Certificate2 Certificate, ECDsa Key) MintCa(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return (request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1)), key);
    }

    private string WritePem(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
