using EdgeFactory.Mqtt;

namespace EdgeFactory.Edge;

/// <summary>Client settings for a broker given as people give it: a URL, a user, a password file, a CA file.</summary>
public static class BrokerLink
{
    /// <summary>Builds client options; the password is read from its file, never taken on a command line.</summary>
    public static async Task<MqttClientOptions> OptionsAsync(string url, string? username, string? passwordFile, string? caFile, CancellationToken cancellationToken)
    {
        var address = MqttBrokerAddress.Parse(url);
        return new MqttClientOptions
        {
            Host = address.Host,
            Port = address.Port,
            Username = username,
            Password = passwordFile is null ? null : (await File.ReadAllTextAsync(passwordFile, cancellationToken).ConfigureAwait(false)).TrimEnd('\n', '\r'),
            Tls = address.UseTls
                ? new MqttTlsOptions { CaFile = caFile ?? throw new ArgumentException("An mqtts:// broker needs a CA file (--ca-file).") }
                : null,
        };
    }
}
