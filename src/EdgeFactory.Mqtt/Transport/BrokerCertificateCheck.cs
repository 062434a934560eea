using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace EdgeFactory.Mqtt.Transport;

/// <summary>
/// Verifies the broker's certificate against the CA file only (not the system store) and its name against the host;
/// keeps the reason of a refusal so the connect error can say which of the two failed.
/// </summary>
internal sealed class BrokerCertificateCheck(MqttTlsOptions tls, string host)
{
    private string? _problem;

    /// <summary>Why the last handshake's certificate was refused, or null.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>Forgets the previous attempt's verdict.</summary>
    public void Reset() => Volatile.Write(ref _problem, null);

    /// <summary>MQTTnet's validation callback.</summary>
    public bool Validate(MqttClientCertificateValidationEventArgs arguments)
    {
        if (arguments.Certificate is null || arguments.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Refuse("the broker sent no certificate");
        }

        if (arguments.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Refuse($"the broker's certificate does not name '{host}'");
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(tls.CaFile);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        if (arguments.Chain is { } presented)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var certificate = new X509Certificate2(arguments.Certificate);
        if (!chain.Build(certificate))
        {
            var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            return Refuse($"the broker's certificate ({certificate.Subject}) is not signed by a CA in {tls.CaFile}{(status.Length == 0 ? string.Empty : $" ({status})")}");
        }

        return true;
    }

    private bool Refuse(string problem)
    {
        Volatile.Write(ref _problem, problem);
        return false;
    }
}
