using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeFactory.Mqtt;

/// <summary>
/// Receiving: MQTTnet hands over one message at a time; each goes into the bounded channel and only then is it
/// acknowledged. While the channel is full (<see cref="MqttReceiveFullMode.Wait"/>) the acknowledgement waits, so with
/// the receive maximum the broker stops sending QoS ≥ 1 messages and holds them for us.
/// </summary>
public sealed partial class MqttClient
{
    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs arguments)
    {
        arguments.AutoAcknowledge = false;
        var received = arguments.ApplicationMessage;
        var message = _messagePool.Rent();
        message.Fill(received.Topic, PayloadOf(received.Payload), (MqttQos)received.QualityOfServiceLevel, received.Retain, PropertiesOf(received));
        if (_options.AcknowledgeWhenHandled && received.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
        {
            // The reader acknowledges once it has handled the message; until then the broker counts it against the receive maximum.
            message.PendingAcknowledgement = () => arguments.AcknowledgeAsync(CancellationToken.None);
            return _received.Writer.TryWrite(message) ? Task.CompletedTask : WaitAsync(message, Volatile.Read(ref _connectionClosing).Token);
        }

        if (_received.Writer.TryWrite(message))
        {
            return Acknowledge(arguments);
        }

        if (_options.ReceiveFullMode == MqttReceiveFullMode.DropNewest || _disposed)
        {
            Interlocked.Increment(ref _dropped);
            MqttLog.Dropped(_logger, Name, message.Topic, _options.ReceiveCapacity);
            message.Dispose();
            return Acknowledge(arguments);
        }

        return WaitThenAcknowledgeAsync(message, arguments, Volatile.Read(ref _connectionClosing).Token);
    }

    private async Task WaitThenAcknowledgeAsync(MqttMessage message, MqttApplicationMessageReceivedEventArgs arguments, CancellationToken connectionClosing)
    {
        try
        {
            await _received.Writer.WriteAsync(message, connectionClosing).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            // The connection closed (MQTTnet waits for this handler before it reports the loss) or the client was
            // disposed. Not acknowledged, so a broker keeping the session sends it again.
            message.Dispose();
            return;
        }

        await Acknowledge(arguments).ConfigureAwait(false);
    }

    private async Task WaitAsync(MqttMessage message, CancellationToken connectionClosing)
    {
        try
        {
            await _received.Writer.WriteAsync(message, connectionClosing).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            // Never acknowledged: a broker keeping the session sends it again.
            message.Dispose();
        }
    }

    private static Task Acknowledge(MqttApplicationMessageReceivedEventArgs arguments) =>
        arguments.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce
            ? Task.CompletedTask
            : arguments.AcknowledgeAsync(CancellationToken.None);

    private static ReadOnlyMemory<byte> PayloadOf(ReadOnlySequence<byte> payload) =>
        payload.IsSingleSegment ? payload.First : payload.ToArray();

    private static MqttMessageProperties? PropertiesOf(MqttApplicationMessage received)
    {
        if (received.ContentType is null && received.ResponseTopic is null && received.CorrelationData is null && received.MessageExpiryInterval == 0
            && received.PayloadFormatIndicator == MqttPayloadFormatIndicator.Unspecified && received.UserProperties is not { Count: > 0 })
        {
            return null;
        }

        return new MqttMessageProperties
        {
            ContentType = received.ContentType,
            ResponseTopic = received.ResponseTopic,
            CorrelationData = received.CorrelationData,
            MessageExpiryInterval = received.MessageExpiryInterval == 0 ? null : received.MessageExpiryInterval,
            PayloadIsUtf8 = received.PayloadFormatIndicator == MqttPayloadFormatIndicator.CharacterData ? true : null,
            UserProperties = received.UserProperties is { Count: > 0 } user
                ? user.Select(p => new MqttUserProperty(p.Name, p.ReadValueAsString())).ToArray()
                : [],
        };
    }
}
