using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace EdgeFactory.Mqtt.Transport;

/// <summary>
/// Opens the TCP connection MQTTnet talks over: no Nagle delay, a <see cref="ConnectionStream"/> on the socket.
/// <paramref name="tls"/> says whether MQTTnet layers TLS on top. <paramref name="closing"/> gives each connection a
/// token cancelled the moment MQTTnet closes it, which comes before MQTTnet waits for its message handler to return.
/// </summary>
internal sealed class SocketStreamProvider(bool tls, Func<CancellationTokenSource>? closing = null) : IMqttClientStreamProvider
{
    /// <summary>An instance for plain connections without a closing signal.</summary>
    public static SocketStreamProvider Instance { get; } = new(tls: false);

    /// <inheritdoc />
    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        // A plain close (no linger option) lets the kernel deliver a final DISCONNECT before the FIN.
        return new ConnectionStream(new NetworkStream(socket, ownsSocket: true), framed: !tls, closing?.Invoke());
    }
}
