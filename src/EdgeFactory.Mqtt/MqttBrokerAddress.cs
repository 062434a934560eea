using System.Globalization;

namespace EdgeFactory.Mqtt;

/// <summary>A broker address written as <c>mqtt://host:port</c> (plain) or <c>mqtts://host:port</c> (TLS).</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">Port.</param>
/// <param name="UseTls">Whether the scheme is <c>mqtts</c>.</param>
public sealed record MqttBrokerAddress(string Host, int Port, bool UseTls)
{
    /// <summary>Parses an address; the port defaults to 1883 (mqtt) or 8883 (mqtts).</summary>
    public static MqttBrokerAddress Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts") || uri.Host.Length == 0
            || uri.AbsolutePath is not ("" or "/") || uri.UserInfo.Length > 0)
        {
            throw new MqttException(
                MqttErrorCode.InvalidArgument,
                $"'{url}' is not a broker address; write mqtt://HOST:PORT or mqtts://HOST:PORT (credentials go in their own options, never in the address).");
        }

        var tls = uri.Scheme == "mqtts";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port;
        return new MqttBrokerAddress(uri.Host, port, tls);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}");
}
