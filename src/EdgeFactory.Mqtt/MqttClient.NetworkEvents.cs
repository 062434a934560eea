using EdgeFactory.Mqtt.Native;
using Microsoft.Extensions.Logging;

namespace EdgeFactory.Mqtt;

/// <summary>What libmosquitto's network thread tells the client: connection changes, acknowledgements, messages and log lines.</summary>
public sealed partial class MqttClient
{
    void IMosquittoListener.OnConnect(int reasonCode)
    {
        if (Volatile.Read(ref _firstConnack) is { Task.IsCompleted: false } first)
        {
            first.TrySetResult(reasonCode);
            if (reasonCode != 0)
            {
                return;
            }
        }
        else if (reasonCode != 0)
        {
            MqttLog.Refused(_logger, Name, _options.Host, _options.Port, MosquittoStatus.ReasonToException(reasonCode, "the reconnection").Message);
            return;
        }
        else
        {
            RestoreSubscriptions();
        }

        // Connected: libmosquitto's per-packet lines are only worth their cost when someone reads them.
        SetLibraryLog(_logger.IsEnabled(LogLevel.Debug));
        MqttLog.Connected(_logger, Name, _options.Host, _options.Port);
        SetState(MqttConnectionState.Connected);
    }

    void IMosquittoListener.OnDisconnect(int rc)
    {
        if (Volatile.Read(ref _firstConnack) is { Task.IsCompleted: false } first)
        {
            // The first connection failed after the socket opened (TLS handshake, broker closed it):
            // report that now rather than after the connect timeout.
            first.TrySetException(FirstConnectFailure(rc));
            return;
        }

        if (Volatile.Read(ref _disconnected) is { } requested)
        {
            MqttLog.Disconnected(_logger, Name, _options.Host, _options.Port);
            requested.TrySetResult();
            return;
        }

        MqttLog.ConnectionLost(_logger, Name, _options.Host, _options.Port, MosquittoStatus.ToException(rc, "connected").Message);
        SetState(MqttConnectionState.Reconnecting);

        // Reconnecting: the library's lines say why an attempt fails (TLS, refused socket).
        SetLibraryLog(enabled: true);

        // libmosquitto's reconnect delays are whole seconds and the same on every device; this random wait, on the
        // network thread that has nothing else to do while disconnected, spreads the first reconnects of a site.
        if (_options.ReconnectJitter > TimeSpan.Zero)
        {
            _stopJitter.Wait(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * _options.ReconnectJitter.TotalMilliseconds));
        }
    }

    void IMosquittoListener.OnPublish(int mid, int reasonCode) => _publishes.Acknowledge(mid, reasonCode);

    void IMosquittoListener.OnSubscribe(int mid, int grantedQosOrReason) => _subscriptions.Acknowledge(mid, grantedQosOrReason);

    void IMosquittoListener.OnUnsubscribe(int mid)
    {
    }

    MqttMessagePool IMosquittoListener.MessagePool => _messagePool;

    void IMosquittoListener.OnMessage(MqttMessage message)
    {
        if (_received.Writer.TryWrite(message))
        {
            return;
        }

        if (_options.ReceiveFullMode == MqttReceiveFullMode.DropNewest)
        {
            Interlocked.Increment(ref _dropped);
            MqttLog.Dropped(_logger, Name, message.Topic, _options.ReceiveCapacity);
            return;
        }

        // Blocking the network thread is the back-pressure: the broker holds further messages for us.
        _received.Writer.WriteAsync(message).AsTask().GetAwaiter().GetResult();
    }

    bool IMosquittoListener.WantsLog(int level) =>
        level is MosquittoLogLevel.Error or MosquittoLogLevel.Warning || _logger.IsEnabled(LogLevel.Debug);

    void IMosquittoListener.OnLog(int level, string text)
    {
        if (level is MosquittoLogLevel.Error or MosquittoLogLevel.Warning)
        {
            Volatile.Write(ref _lastLibraryError, text);
            MqttLog.LibraryWarning(_logger, Name, text);
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            MqttLog.Library(_logger, Name, text);
        }
    }

    private void SetLibraryLog(bool enabled)
    {
        _connection?.LibraryLog(enabled);
        Volatile.Write(ref _libraryLog, enabled);
    }

    private MqttException FirstConnectFailure(int rc)
    {
        var detail = Volatile.Read(ref _lastLibraryError);
        var tls = _options.Tls is not null && (rc is 8 or 23 || IsTlsError(detail));
        return tls
            ? new MqttException(
                MqttErrorCode.TlsFailure,
                $"TLS handshake with {_options.Host}:{_options.Port} failed{(detail is null ? string.Empty : $" ({detail})")}. Check the CA file ({_options.Tls!.CaFile}), that the broker's certificate is signed by it and names '{_options.Host}', and the client certificate.")
            : MosquittoStatus.ToException(rc, $"connecting to {_options.Host}:{_options.Port}{(detail is null ? string.Empty : $" ({detail})")}");
    }

    private static bool IsTlsError(string? libraryError) =>
        libraryError?.Contains("SSL", StringComparison.OrdinalIgnoreCase) == true;

    private void RestoreSubscriptions()
    {
        var connection = _connection;
        if (connection is null)
        {
            return;
        }

        foreach (var (filter, (qos, options)) in _filters)
        {
            try
            {
                // The grant is not awaited here (this runs on the network thread that delivers it),
                // but it is registered so the acknowledgement finds its operation.
                _subscriptions.RegisterSubscription(connection.Subscribe(filter, qos, options)).AsTask().ContinueWith(
                    static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            catch (MqttException e)
            {
                MqttLog.ResubscribeFailed(_logger, Name, filter, e);
            }
        }
    }
}
