using System.Text;
using MQTTnet;

namespace EdgeFactory.Mqtt;

/// <summary>
/// Publishing: QoS 0 goes straight to MQTTnet; QoS ≥ 1 goes out at once while fewer than the in-flight limit wait for the
/// broker, and otherwise (or while disconnected) waits in a bounded local queue, in order. A publish whose connection
/// is lost before the broker acknowledged it is sent again after the reconnect, ahead of newer ones.
/// </summary>
public sealed partial class MqttClient
{
    // Connections a QoS ≥ 1 publish may be in flight on before it fails: a message the broker drops the connection
    // for must not cause reconnects forever.
    private const int MaxAttempts = 20;

    private readonly object _sendGate = new();
    private readonly PriorityQueue<OutgoingPublish, long> _queued = new();
    private Action<OutgoingPublish>? _onPublishSent;
    private int _inflight;
    private int _inflightLimit = ushort.MaxValue;
    private long _maxPacketSize;
    private int _outstanding;
    private long _sequence;
    private string? _lastValidTopic;
    private volatile MqttException? _closeError;

    /// <summary>QoS ≥ 1 publishes not yet acknowledged (queued or in flight); for tests.</summary>
    internal int PendingPublishes => Volatile.Read(ref _outstanding);

    /// <summary>Publishes a message; completes once the broker acknowledged it (QoS 1 PUBACK, QoS 2 PUBCOMP), or once written for QoS 0.</summary>
    public ValueTask PublishAsync(
        string topic,
        ReadOnlyMemory<byte> payload,
        MqttQos qos,
        bool retain = false,
        MqttMessageProperties? properties = null,
        CancellationToken cancellationToken = default)
    {
        // Publishers reuse their topic strings: validate each new one once.
        if (!ReferenceEquals(topic, _lastValidTopic))
        {
            MqttTopic.ValidateTopicName(topic);
            _lastValidTopic = topic;
        }

        ThrowIfDisposed();
        var state = State;
        if (state != MqttConnectionState.Connected
            && (state == MqttConnectionState.Disconnected || qos == MqttQos.AtMostOnce || _options.OfflinePublishing == MqttOfflinePublishing.FailFast))
        {
            throw NotConnected($"the publish to '{topic}' was not sent");
        }

        CheckPacketSize(topic, payload.Length, properties);
        if (qos == MqttQos.AtMostOnce)
        {
            return PublishAtMostOnce(topic, payload.Span, retain, properties);
        }

        if (Interlocked.Increment(ref _outstanding) > _options.MaxPendingPublishes)
        {
            Interlocked.Decrement(ref _outstanding);
            throw new MqttException(
                MqttErrorCode.QueueFull,
                $"{_options.MaxPendingPublishes} publishes are waiting for the broker (limit {_options.MaxPendingPublishes}); the publish to '{topic}' was refused.");
        }

        var publish = OutgoingPublish.Rent(topic, payload.Span, qos, retain, properties, _onPublishSent ??= OnPublishSent);
        publish.Sequence = Interlocked.Increment(ref _sequence);
        var acknowledged = publish.AsValueTask();
        lock (_sendGate)
        {
            if (_queued.Count == 0 && CanSend())
            {
                _inflight++;
                SendLocked(publish);
            }
            else
            {
                _queued.Enqueue(publish, publish.Sequence);
            }
        }

        return cancellationToken.CanBeCanceled ? new ValueTask(acknowledged.AsTask().WaitAsync(cancellationToken)) : acknowledged;
    }

    private ValueTask PublishAtMostOnce(string topic, ReadOnlySpan<byte> payload, bool retain, MqttMessageProperties? properties)
    {
        var publish = OutgoingPublish.Rent(topic, payload, MqttQos.AtMostOnce, retain, properties, _onPublishSent ??= OnPublishSent);
        Task<MqttClientPublishResult> sending;
        try
        {
            sending = _client.PublishAsync(publish.Message, CancellationToken.None);
        }
        catch (Exception e) when (MqttFailures.IsConnectionGone(e))
        {
            publish.Recycle();
            throw NotConnected($"the publish to '{topic}' was not sent");
        }

        if (sending.IsCompletedSuccessfully)
        {
            publish.Recycle();
            return ValueTask.CompletedTask;
        }

        return AwaitAtMostOnceAsync(sending, publish, topic);
    }

    private static async ValueTask AwaitAtMostOnceAsync(Task<MqttClientPublishResult> sending, OutgoingPublish publish, string topic)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception e) when (MqttFailures.IsConnectionGone(e))
        {
            throw MqttFailures.Lost($"the publish to '{topic}'", e);
        }
        finally
        {
            publish.Recycle();
        }
    }

    private bool CanSend() => !_closing && State == MqttConnectionState.Connected && _inflight < _inflightLimit;

    /// <summary>Hands one publish to MQTTnet; false when the connection turned out to be gone (the publish is queued again).</summary>
    private bool SendLocked(OutgoingPublish publish)
    {
        Task<MqttClientPublishResult> sending;
        try
        {
            sending = _client.PublishAsync(publish.Message, CancellationToken.None);
        }
        catch (Exception e) when (MqttFailures.IsConnectionGone(e))
        {
            _inflight--;
            _queued.Enqueue(publish, publish.Sequence);
            return false;
        }
        catch (Exception e)
        {
            _inflight--;
            Settle(publish, new MqttException(MqttErrorCode.ProtocolError, $"The publish to '{publish.Message.Topic}' was refused: {e.Message}", e));
            return true;
        }

        publish.Attempts++;
        publish.Sending = sending;
        sending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(publish.OnSentContinuation);
        return true;
    }

    private void OnPublishSent(OutgoingPublish publish)
    {
        var sending = publish.Sending!;
        MqttException? error = null;
        var resend = false;
        if (sending.IsCompletedSuccessfully)
        {
            var code = (int)sending.Result.ReasonCode;
            if (code >= 0x80)
            {
                error = MqttFailures.ReasonToException(code, $"the publish to '{publish.Message.Topic}'");
            }
        }
        else
        {
            var failure = sending.Exception?.InnerException ?? new OperationCanceledException();
            if (_closing || _disposed)
            {
                error = _closeError ?? MqttFailures.Lost($"the publish to '{publish.Message.Topic}'", failure);
            }
            else if (MqttFailures.IsConnectionGone(failure) && publish.Attempts < MaxAttempts)
            {
                resend = true;
            }
            else
            {
                MqttLog.PublishAbandoned(_logger, Name, (int)publish.Message.QualityOfServiceLevel, publish.Message.Topic, publish.Attempts);
                error = MqttFailures.Lost($"the publish to '{publish.Message.Topic}'", failure);
            }
        }

        lock (_sendGate)
        {
            _inflight--;
            if (resend)
            {
                publish.Message.Dup = true;
                _queued.Enqueue(publish, publish.Sequence);
            }

            DrainLocked();
        }

        if (!resend)
        {
            Settle(publish, error);
        }
    }

    private void Settle(OutgoingPublish publish, MqttException? error)
    {
        Interlocked.Decrement(ref _outstanding);
        publish.ReleasePayload();
        if (error is null)
        {
            publish.Complete();
        }
        else
        {
            publish.Fail(error);
        }
    }

    private void DrainQueuedPublishes()
    {
        lock (_sendGate)
        {
            DrainLocked();
        }
    }

    private void DrainLocked()
    {
        while (_queued.Count > 0 && CanSend())
        {
            var next = _queued.Dequeue();
            _inflight++;
            if (!SendLocked(next))
            {
                return;
            }
        }
    }

    private void FailQueuedPublishes(MqttException error)
    {
        List<OutgoingPublish> failed;
        lock (_sendGate)
        {
            failed = new List<OutgoingPublish>(_queued.Count);
            while (_queued.TryDequeue(out var publish, out _))
            {
                failed.Add(publish);
            }
        }

        foreach (var publish in failed)
        {
            Settle(publish, error);
        }
    }

    private void SetSendLimits(MqttClientConnectResult result)
    {
        var ours = _options.MaxInflight == 0 ? ushort.MaxValue : _options.MaxInflight;
        var brokers = result.ReceiveMaximum is > 0 and var maximum ? maximum : ushort.MaxValue;
        lock (_sendGate)
        {
            _inflightLimit = Math.Min(ours, brokers);
        }

        Volatile.Write(ref _maxPacketSize, result.MaximumPacketSize ?? 0);
    }

    private void CheckPacketSize(string topic, int payloadBytes, MqttMessageProperties? properties)
    {
        const int MaxRemainingLength = 268_435_455;
        var limit = Volatile.Read(ref _maxPacketSize);
        if (limit == 0)
        {
            limit = MaxRemainingLength;
        }

        // Fixed header, topic length, packet id and property length, plus the topic at its widest UTF-8 form.
        var bound = 16L + (topic.Length * 3L) + payloadBytes + PropertyBytes(properties);
        if (bound <= limit)
        {
            return;
        }

        var exact = 5L + 2 + Encoding.UTF8.GetByteCount(topic) + 2 + 4 + payloadBytes + PropertyBytes(properties);
        if (exact > limit)
        {
            throw new MqttException(
                MqttErrorCode.PayloadTooLarge,
                $"The publish to '{topic}' would be a packet of {exact:N0} bytes; the broker accepts at most {limit:N0}.");
        }
    }

    private static long PropertyBytes(MqttMessageProperties? properties)
    {
        if (properties is null || properties.IsEmpty)
        {
            return 0;
        }

        long bytes = 0;
        bytes += properties.ContentType is { } type ? 3 + Encoding.UTF8.GetByteCount(type) : 0;
        bytes += properties.ResponseTopic is { } response ? 3 + Encoding.UTF8.GetByteCount(response) : 0;
        bytes += properties.CorrelationData is { } correlation ? 3 + correlation.Length : 0;
        bytes += properties.MessageExpiryInterval is null ? 0 : 5;
        bytes += properties.PayloadIsUtf8 is null ? 0 : 2;
        foreach (var property in properties.UserProperties)
        {
            bytes += 5 + Encoding.UTF8.GetByteCount(property.Name) + Encoding.UTF8.GetByteCount(property.Value);
        }

        return bytes;
    }
}
