using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Threading.Tasks.Sources;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeFactory.Mqtt;

/// <summary>
/// One publish on its way: a copy of the payload in a pooled buffer (the caller may reuse its own at once), the MQTTnet
/// message built over it, and, for QoS ≥ 1, the caller's wait for the broker's acknowledgement as a pooled
/// <see cref="IValueTaskSource"/>. Objects are reused, so a steady stream of publishes allocates nothing of ours.
/// </summary>
internal sealed class OutgoingPublish : IValueTaskSource
{
    private const int PoolLimit = 4_096;
    private static readonly ConcurrentQueue<OutgoingPublish> Pool = new();

    // Callers' continuations never run on MQTTnet's receive loop.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private byte[]? _buffer;
    private Action<OutgoingPublish>? _onSent;

    private OutgoingPublish()
    {
        OnSentContinuation = () => _onSent!(this);
    }

    /// <summary>The message MQTTnet sends; MQTTnet copies it into a packet inside its publish call, so it can be reused afterwards.</summary>
    public MqttApplicationMessage Message { get; } = new();

    /// <summary>Order of the publish, kept when it is sent again after a reconnect.</summary>
    public long Sequence { get; set; }

    /// <summary>Connections it was in flight on.</summary>
    public int Attempts { get; set; }

    /// <summary>MQTTnet's publish of the current attempt.</summary>
    public Task<MqttClientPublishResult>? Sending { get; set; }

    /// <summary>Cached delegate that reports the end of <see cref="Sending"/> to the client, so awaiting it allocates nothing.</summary>
    public Action OnSentContinuation { get; }

    /// <summary>A publish object holding a copy of <paramref name="payload"/>.</summary>
    public static OutgoingPublish Rent(string topic, ReadOnlySpan<byte> payload, MqttQos qos, bool retain, MqttMessageProperties? properties, Action<OutgoingPublish> onSent)
    {
        var publish = Pool.TryDequeue(out var pooled) ? pooled : new OutgoingPublish();
        publish._onSent = onSent;
        publish.Fill(topic, payload, qos, retain, properties);
        return publish;
    }

    /// <summary>The caller's wait for the acknowledgement.</summary>
    public ValueTask AsValueTask() => new(this, _core.Version);

    /// <summary>Gives the payload buffer back; the message must not be sent again.</summary>
    public void ReleasePayload()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            Message.Payload = ReadOnlySequence<byte>.Empty;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Ends the caller's wait successfully.</summary>
    public void Complete() => _core.SetResult(true);

    /// <summary>Ends the caller's wait with <paramref name="error"/>.</summary>
    public void Fail(Exception error) => _core.SetException(error);

    /// <summary>Returns an object whose wait nobody holds (QoS 0) to the pool.</summary>
    public void Recycle()
    {
        ReleasePayload();
        Sending = null;
        Attempts = 0;
        _onSent = null;
        Message.UserProperties = null;
        Message.CorrelationData = null;
        _core.Reset();
        if (Pool.Count < PoolLimit)
        {
            Pool.Enqueue(this);
        }
    }

    /// <inheritdoc />
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc />
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <inheritdoc />
    public void GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            Recycle();
        }
    }

    private void Fill(string topic, ReadOnlySpan<byte> payload, MqttQos qos, bool retain, MqttMessageProperties? properties)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        payload.CopyTo(buffer);
        _buffer = buffer;
        var message = Message;
        message.Topic = topic;
        message.Payload = new ReadOnlySequence<byte>(buffer, 0, payload.Length);
        message.QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos;
        message.Retain = retain;
        message.Dup = false;
        message.ContentType = properties?.ContentType;
        message.ResponseTopic = properties?.ResponseTopic;
        message.CorrelationData = properties?.CorrelationData?.ToArray();
        message.MessageExpiryInterval = properties?.MessageExpiryInterval ?? 0;
        message.PayloadFormatIndicator = properties?.PayloadIsUtf8 == true ? MqttPayloadFormatIndicator.CharacterData : MqttPayloadFormatIndicator.Unspecified;
        message.UserProperties = properties is { UserProperties.Count: > 0 } ? UserProperties(properties.UserProperties) : null;
    }

    private static List<MQTTnet.Packets.MqttUserProperty> UserProperties(IReadOnlyList<MqttUserProperty> properties)
    {
        var list = new List<MQTTnet.Packets.MqttUserProperty>(properties.Count);
        foreach (var property in properties)
        {
            list.Add(new MQTTnet.Packets.MqttUserProperty(property.Name, Encoding.UTF8.GetBytes(property.Value).AsMemory()));
        }

        return list;
    }
}
