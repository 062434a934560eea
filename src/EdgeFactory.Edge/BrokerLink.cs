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
            Password = passwordFile is null ? null : await ReadPasswordAsync(passwordFile, username, cancellationToken).ConfigureAwait(false),
            Tls = address.UseTls
                ? new MqttTlsOptions { CaFile = caFile ?? throw new ArgumentException("An mqtts:// broker needs a CA file (--ca-file).") }
                : null,
        };
    }

    // An empty file would be sent as an empty password and the broker would answer only "not authorized".
    private static async Task<string> ReadPasswordAsync(string passwordFile, string? username, CancellationToken cancellationToken)
    {
        if (Directory.Exists(passwordFile))
        {
            throw new ArgumentException($"The password file '{passwordFile}' is a folder; give the file that holds the broker password.");
        }

        if (!File.Exists(passwordFile))
        {
            throw new ArgumentException($"The password file '{passwordFile}' does not exist.");
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken).ConfigureAwait(false)).TrimEnd('\n', '\r');
        if (password.Length == 0)
        {
            throw new ArgumentException($"The password file '{passwordFile}' is empty; write the broker password{(username is null ? string.Empty : $" of user '{username}'")} into it (one line).");
        }

        if (username is null)
        {
            throw new ArgumentException("A password file was given without --username; the broker needs both.");
        }

        return password;
    }
}
