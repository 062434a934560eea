using System.Net;
using EdgeFactory.Mqtt.Transport;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using Net = MQTTnet;

namespace EdgeFactory.Mqtt;

/// <summary>Connecting, the supervising reconnect loop, and restoring subscriptions when the broker kept no session.</summary>
public sealed partial class MqttClient
{
    /// <summary>A token for the connection being opened, cancelled when MQTTnet closes it; ends a wait for room in the receive queue.</summary>
    private CancellationTokenSource NewConnectionToken()
    {
        var closing = new CancellationTokenSource();
        Interlocked.Exchange(ref _connectionClosing, closing)?.Dispose();
        return closing;
    }

    private async Task<MqttClientConnectResult> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        _certificateCheck?.Reset();
        try
        {
            var result = await _client.ConnectAsync(ConnectOptions(), linked.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw MqttFailures.Refused(result, _options, Name);
            }

            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw _certificateCheck?.Problem is { } problem
                ? MqttFailures.ConnectFailed(new IOException(problem), _options, problem)
                : MqttFailures.NoAnswer(_options);
        }
        catch (Exception e) when (e is not MqttException and not OperationCanceledException)
        {
            throw MqttFailures.ConnectFailed(e, _options, _certificateCheck?.Problem);
        }
    }

    private Net.MqttClientOptions ConnectOptions()
    {
        var tcp = new MqttClientTcpOptions
        {
            RemoteEndpoint = new DnsEndPoint(_options.Host, _options.Port),
            StreamProvider = _streamProvider,
        };
        if (_options.Tls is { } tls)
        {
            tcp.TlsOptions = new MqttClientTlsOptions
            {
                UseTls = true,
                TargetHost = _options.Host,
                CertificateValidationHandler = _certificateCheck!.Validate,
                ClientCertificatesProvider = tls.CertificateFile is null ? null : new ClientCertificate(tls.CertificateFile, tls.KeyFile!),
                RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            };
        }

        var options = new Net.MqttClientOptions
        {
            ChannelOptions = tcp,
            ProtocolVersion = Net.Formatter.MqttProtocolVersion.V500,
            ClientId = _options.ClientId,
            CleanSession = _options.CleanStart,
            SessionExpiryInterval = (uint)_options.SessionExpiry.TotalSeconds,
            KeepAlivePeriod = _options.KeepAlive,
            Timeout = _options.ConnectTimeout,
            ReceiveMaximum = (ushort)_options.ReceiveMaximum,

            // On a plain connection header and payload are written separately, without MQTTnet joining them into a new
            // array: the connection stream gathers each packet into one send. Under TLS a joined packet is one record.
            AllowPacketFragmentation = _options.Tls is null,
        };
        if (_options.Username is not null)
        {
            options.Credentials = new MqttClientCredentials(_options.Username, _options.Password is null ? null : System.Text.Encoding.UTF8.GetBytes(_options.Password));
        }

        if (_options.Will is { } will)
        {
            options.WillTopic = will.Topic;
            options.WillPayload = will.Payload.ToArray();
            options.WillQualityOfServiceLevel = (MqttQualityOfServiceLevel)will.Qos;
            options.WillRetain = will.Retain;
        }

        return options;
    }

    private async Task OnSessionStartedAsync(MqttClientConnectResult result, bool isReconnect, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _sessionPresent, result.IsSessionPresent ? 1 : 0);
        SetSendLimits(result);
        MqttLog.Connected(_logger, Name, _options.Host, _options.Port, result.IsSessionPresent);
        if (isReconnect && !result.IsSessionPresent && !_filters.IsEmpty)
        {
            await RestoreSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        }

        Connected?.Invoke(this, new MqttConnectedArguments(result.IsSessionPresent, isReconnect));
        SetState(MqttConnectionState.Connected);
        Interlocked.Exchange(ref _connectedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        DrainQueuedPublishes();
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs arguments)
    {
        // Only the loss of an established connection matters here; failed attempts report through their caller.
        // The supervising loop reconnects: this handler runs inside MQTTnet and only hands over.
        if (arguments.ClientWasConnected && !_closing)
        {
            var reason = arguments.Exception?.Message ?? (arguments.ReasonString is { Length: > 0 } text ? text : arguments.Reason.ToString());
            MqttLog.ConnectionLost(_logger, Name, _options.Host, _options.Port, reason);
            var code = (int)arguments.Reason;
            ConnectionLost?.Invoke(this, new MqttConnectionLostArguments(code, reason, code == SessionTakenOverReason));
            _connectionLost.Release();
        }

        return Task.CompletedTask;
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await _connectionLost.WaitAsync(stopping).ConfigureAwait(false);
            if (_client.IsConnected)
            {
                // A late report of an earlier connection's end: the current one stands.
                continue;
            }

            SetState(MqttConnectionState.Reconnecting);
            for (var attempt = 0; ; attempt++)
            {
                await Task.Delay(_backoff.Delay(attempt), _time, stopping).ConfigureAwait(false);
                try
                {
                    var result = await ConnectOnceAsync(stopping).ConfigureAwait(false);
                    await OnSessionStartedAsync(result, isReconnect: true, stopping).ConfigureAwait(false);
                    break;
                }
                catch (MqttException e)
                {
                    MqttLog.ReconnectFailed(_logger, Name, _options.Host, _options.Port, e.Message, _backoff.Delay(attempt + 1).TotalSeconds);
                }
            }
        }
    }

    private async Task RestoreSubscriptionsAsync(CancellationToken cancellationToken)
    {
        foreach (var (filter, (qos, options)) in _filters)
        {
            try
            {
                await SendSubscriptionAsync(filter, qos, options, cancellationToken).ConfigureAwait(false);
            }
            catch (MqttException e)
            {
                MqttLog.ResubscribeFailed(_logger, Name, filter, e);
            }
        }

        MqttLog.Resubscribed(_logger, Name, _filters.Count);
    }

    private async Task SendSubscriptionAsync(string filter, MqttQos qos, MqttSubscribeOptions options, CancellationToken cancellationToken)
    {
        var subscription = new MqttClientSubscribeOptions
        {
            TopicFilters =
            [
                new MqttTopicFilter
                {
                    Topic = filter,
                    QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
                    NoLocal = options.NoLocal,
                    RetainAsPublished = options.RetainAsPublished,
                    RetainHandling = options.SkipRetained ? MqttRetainHandling.DoNotSendOnSubscribe : MqttRetainHandling.SendAtSubscribe,
                },
            ],
        };
        MqttClientSubscribeResult result;
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            result = await _client.SubscribeAsync(subscription, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && _client.IsConnected)
        {
            throw new MqttException(
                MqttErrorCode.Timeout,
                $"The broker at {_options.Host}:{_options.Port} did not answer the subscription to '{filter}' within {_options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception e) when (MqttFailures.IsConnectionGone(e) && !cancellationToken.IsCancellationRequested)
        {
            throw MqttFailures.Lost($"the subscription to '{filter}'", e);
        }

        var code = (int)result.Items.First().ResultCode;
        if (code >= 0x80)
        {
            throw MqttFailures.ReasonToException(code, $"the subscription to '{filter}'");
        }
    }
}
