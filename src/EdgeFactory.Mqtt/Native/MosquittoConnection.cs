using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeFactory.Mqtt.Native;

/// <summary>One libmosquitto client configured from <see cref="MqttClientOptions"/>, with typed operations and no pointers in its surface.</summary>
internal sealed unsafe class MosquittoConnection : IDisposable
{
    private const int OptionProtocolVersion = 1;
    private const int OptionTcpNoDelay = 11;
    private const int ProtocolV5 = 5;
    private const int SslVerifyPeer = 1;

    private readonly MosquittoHandle _handle;
    private GCHandle _self;
    private bool _loopRunning;

    public MosquittoConnection(MqttClientOptions options, IMosquittoListener listener)
    {
        _self = GCHandle.Alloc(listener);
        try
        {
            _handle = MosquittoHandle.Create(options.ClientId.Length == 0 ? null : options.ClientId, options.CleanStart, GCHandle.ToIntPtr(_self));
            Configure(options);
        }
        catch
        {
            _handle?.Dispose();
            _self.Free();
            throw;
        }
    }

    /// <summary>Opens the TCP (and TLS) connection and sends CONNECT; blocks for name resolution and the handshake.</summary>
    /// <remarks>libmosquitto keeps the CONNECT properties and sends them again on every reconnect.</remarks>
    public void Connect(string host, int port, TimeSpan keepAlive, TimeSpan sessionExpiry)
    {
        var properties = nint.Zero;
        try
        {
            if (sessionExpiry > TimeSpan.Zero)
            {
                MosquittoStatus.ThrowIfFailed(
                    Libmosquitto.PropertyAddInt32(ref properties, MosquittoMarshal.SessionExpiryInterval, (uint)sessionExpiry.TotalSeconds),
                    "setting the session expiry");
            }

            var rc = Libmosquitto.ConnectBindV5(_handle, host, port, (int)keepAlive.TotalSeconds, null, properties);
            MosquittoStatus.ThrowIfFailed(rc, $"connecting to {host}:{port}");
        }
        finally
        {
            MosquittoMarshal.Free(ref properties);
        }

        MosquittoStatus.ThrowIfFailed(Libmosquitto.LoopStart(_handle), "starting the MQTT network thread");
        _loopRunning = true;
    }

    /// <summary>Turns libmosquitto's log lines on or off.</summary>
    /// <remarks>
    /// While a log callback is set, libmosquitto formats a line for every packet it sends or receives,
    /// whatever the level, and calls into managed code with it: about 6 % of a client's CPU at full
    /// rate. The client keeps them on while connecting, when they explain failures, and off
    /// in between unless debug logging is on.
    /// </remarks>
    public void LibraryLog(bool enabled) => MosquittoCallbacks.Log(_handle, enabled);

    public int Disconnect()
    {
        // Marks the client as disconnecting even when no socket is open, which also ends the reconnect loop.
        return Libmosquitto.DisconnectV5(_handle, 0, nint.Zero);
    }

    /// <summary>Publishes and returns the message id (0 for QoS 0); throws on a local failure.</summary>
    public int Publish(string topic, ReadOnlySpan<byte> payload, MqttQos qos, bool retain, MqttMessageProperties? properties)
    {
        var topicBytes = Encoding.UTF8.GetMaxByteCount(topic.Length) + 1;
        byte[]? rented = null;
        var buffer = topicBytes <= 512 ? stackalloc byte[topicBytes] : (rented = ArrayPool<byte>.Shared.Rent(topicBytes));
        var list = nint.Zero;
        try
        {
            var written = Encoding.UTF8.GetBytes(topic, buffer);
            buffer[written] = 0;
            list = MosquittoMarshal.Build(properties);
            int rc;
            int mid;
            fixed (byte* t = buffer)
            fixed (byte* p = payload)
            {
                rc = Libmosquitto.PublishV5(_handle, out mid, t, payload.Length, p, (int)qos, retain, list);
            }

            // While disconnected libmosquitto keeps a QoS 1/2 message queued and sends it after the
            // reconnect, yet reports "no connection"; only a QoS 0 message is really lost then.
            if (rc == MosquittoStatus.NoConnection && qos != MqttQos.AtMostOnce)
            {
                return mid;
            }

            if (rc != 0)
            {
                MosquittoStatus.ThrowIfFailed(rc, $"publishing to '{topic}'");
            }

            return mid;
        }
        finally
        {
            MosquittoMarshal.Free(ref list);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public int Subscribe(string filter, MqttQos qos, MqttSubscribeOptions options)
    {
        var rc = Libmosquitto.SubscribeV5(_handle, out var mid, filter, (int)qos, options.ToNative(), nint.Zero);
        MosquittoStatus.ThrowIfFailed(rc, $"subscribing to '{filter}'");
        return mid;
    }

    public int Unsubscribe(string filter)
    {
        var rc = Libmosquitto.UnsubscribeV5(_handle, out var mid, filter, nint.Zero);
        MosquittoStatus.ThrowIfFailed(rc, $"unsubscribing from '{filter}'");
        return mid;
    }

    /// <summary>Stops the network thread (after <see cref="Disconnect"/>), destroys the client and releases the listener.</summary>
    public void Dispose()
    {
        if (_loopRunning)
        {
            // Joins the network thread: after this no callback can run, so freeing the GCHandle is safe.
            Libmosquitto.LoopStop(_handle, force: false);
            _loopRunning = false;
        }

        _handle.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private void Configure(MqttClientOptions options)
    {
        MosquittoStatus.ThrowIfFailed(Libmosquitto.IntOption(_handle, OptionProtocolVersion, ProtocolV5), "selecting MQTT 5");
        MosquittoStatus.ThrowIfFailed(Libmosquitto.IntOption(_handle, OptionTcpNoDelay, 1), "setting TCP_NODELAY");
        MosquittoCallbacks.Register(_handle);
        MosquittoStatus.ThrowIfFailed(
            Libmosquitto.ReconnectDelaySet(_handle, (uint)options.ReconnectDelay.TotalSeconds, (uint)options.ReconnectDelayMax.TotalSeconds, exponentialBackoff: true),
            "setting the reconnect delay");
        MosquittoStatus.ThrowIfFailed(Libmosquitto.MaxInflightMessagesSet(_handle, (uint)options.MaxInflight), "setting the in-flight limit");

        if (options.Username is not null)
        {
            MosquittoStatus.ThrowIfFailed(Libmosquitto.UsernamePasswordSet(_handle, options.Username, options.Password), "setting credentials");
        }

        if (options.Tls is { } tls)
        {
            MosquittoStatus.ThrowIfFailed(Libmosquitto.TlsSet(_handle, tls.CaFile, null, tls.CertificateFile, tls.KeyFile, nint.Zero), "loading TLS certificates");
            MosquittoStatus.ThrowIfFailed(Libmosquitto.TlsOptsSet(_handle, SslVerifyPeer, "tlsv1.2", null), "setting TLS options");
            MosquittoStatus.ThrowIfFailed(Libmosquitto.TlsInsecureSet(_handle, false), "turning on host name verification");
        }

        if (options.Will is { } will)
        {
            fixed (byte* payload = will.Payload.Span)
            {
                MosquittoStatus.ThrowIfFailed(
                    Libmosquitto.WillSetV5(_handle, will.Topic, will.Payload.Length, payload, (int)will.Qos, will.Retain, nint.Zero),
                    $"setting the will on '{will.Topic}'");
            }
        }
    }
}
