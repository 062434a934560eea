using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace EdgeFactory.Mqtt.Transport;

/// <summary>Opens the TCP connection MQTTnet talks over (TLS, when set, is layered on top by MQTTnet): no Nagle delay, buffered both ways.</summary>
internal sealed class SocketStreamProvider : IMqttClientStreamProvider
{
    /// <summary>The one instance; it holds no state.</summary>
    public static SocketStreamProvider Instance { get; } = new();

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
        return new ConnectionStream(new NetworkStream(socket, ownsSocket: true));
    }
}
