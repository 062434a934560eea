using System.Runtime.InteropServices;

namespace EdgeFactory.Mqtt.Native;

/// <summary>Copies native messages and property lists into managed values, and builds property lists to send.</summary>
internal static unsafe class MosquittoMarshal
{
    private const int PayloadFormatIndicator = 1;
    private const int MessageExpiryInterval = 2;
    private const int ContentType = 3;
    private const int ResponseTopic = 8;
    private const int CorrelationData = 9;
    private const int UserProperty = 38;

    public const int SessionExpiryInterval = 17;

    // Each client's callbacks run on its own network thread, and a subscriber mostly sees the same
    // few topics again and again: reuse the last topic string instead of decoding it per message.
    [ThreadStatic]
    private static byte[]? _lastTopicBytes;

    [ThreadStatic]
    private static string? _lastTopic;

    public static MqttMessage ReadMessage(MosquittoMessage* message, nint properties, MqttMessagePool pool)
    {
        var topic = TopicString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(message->Topic));
        var received = pool.Rent();
        received.Fill(topic, new ReadOnlySpan<byte>(message->Payload, message->PayloadLength), (MqttQos)message->Qos, message->Retain != 0, ReadProperties(properties));
        return received;
    }

    private static string TopicString(ReadOnlySpan<byte> bytes)
    {
        if (_lastTopic is { } last && bytes.SequenceEqual(_lastTopicBytes))
        {
            return last;
        }

        _lastTopicBytes = bytes.ToArray();
        return _lastTopic = System.Text.Encoding.UTF8.GetString(bytes);
    }

    public static MqttMessageProperties? ReadProperties(nint properties)
    {
        if (properties == nint.Zero)
        {
            return null;
        }

        var result = new MqttMessageProperties();
        List<MqttUserProperty>? user = null;
        for (var p = properties; p != nint.Zero; p = Libmosquitto.PropertyNext(p))
        {
            switch (Libmosquitto.PropertyIdentifier(p))
            {
                case PayloadFormatIndicator:
                    Libmosquitto.PropertyReadByte(p, PayloadFormatIndicator, out var format, skipFirst: false);
                    result = result with { PayloadIsUtf8 = format == 1 };
                    break;
                case MessageExpiryInterval:
                    Libmosquitto.PropertyReadInt32(p, MessageExpiryInterval, out var expiry, skipFirst: false);
                    result = result with { MessageExpiryInterval = expiry };
                    break;
                case ContentType:
                    result = result with { ContentType = ReadString(p, ContentType) };
                    break;
                case ResponseTopic:
                    result = result with { ResponseTopic = ReadString(p, ResponseTopic) };
                    break;
                case CorrelationData:
                    Libmosquitto.PropertyReadBinary(p, CorrelationData, out var data, out var length, skipFirst: false);
                    result = result with { CorrelationData = TakeBytes(data, length) };
                    break;
                case UserProperty:
                    Libmosquitto.PropertyReadStringPair(p, UserProperty, out var name, out var value, skipFirst: false);
                    (user ??= []).Add(new MqttUserProperty(TakeString(name), TakeString(value)));
                    break;
                default:
                    break;
            }
        }

        return user is null ? result : result with { UserProperties = user };
    }

    /// <summary>Builds a native property list; the caller frees it with <see cref="Free"/> once libmosquitto has copied it.</summary>
    public static nint Build(MqttMessageProperties? properties)
    {
        if (properties is null || properties.IsEmpty)
        {
            return nint.Zero;
        }

        nint list = nint.Zero;
        try
        {
            if (properties.PayloadIsUtf8 is { } utf8)
            {
                Check(Libmosquitto.PropertyAddByte(ref list, PayloadFormatIndicator, utf8 ? (byte)1 : (byte)0));
            }

            if (properties.MessageExpiryInterval is { } expiry)
            {
                Check(Libmosquitto.PropertyAddInt32(ref list, MessageExpiryInterval, expiry));
            }

            AddString(ref list, ContentType, properties.ContentType);
            AddString(ref list, ResponseTopic, properties.ResponseTopic);
            if (properties.CorrelationData is { } correlation)
            {
                if (correlation.Length > ushort.MaxValue)
                {
                    throw new MqttException(MqttErrorCode.InvalidArgument, $"Correlation data is {correlation.Length} bytes; MQTT allows at most {ushort.MaxValue}.");
                }

                fixed (byte* bytes = correlation.Span)
                {
                    Check(Libmosquitto.PropertyAddBinary(ref list, CorrelationData, bytes, (ushort)correlation.Length));
                }
            }

            foreach (var pair in properties.UserProperties)
            {
                fixed (byte* name = Utf8Z(pair.Name))
                fixed (byte* value = Utf8Z(pair.Value))
                {
                    Check(Libmosquitto.PropertyAddStringPair(ref list, UserProperty, name, value));
                }
            }

            return list;
        }
        catch
        {
            Free(ref list);
            throw;
        }
    }

    public static void Free(ref nint list)
    {
        if (list != nint.Zero)
        {
            Libmosquitto.PropertyFreeAll(ref list);
        }
    }

    /// <summary>UTF-8 bytes with a terminating NUL, for C strings.</summary>
    public static byte[] Utf8Z(string text)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text) + 1];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static void AddString(ref nint list, int identifier, string? value)
    {
        if (value is null)
        {
            return;
        }

        fixed (byte* text = Utf8Z(value))
        {
            Check(Libmosquitto.PropertyAddString(ref list, identifier, text));
        }
    }

    private static void Check(int rc) => MosquittoStatus.ThrowIfFailed(rc, "building MQTT 5 properties");

    private static string? ReadString(nint property, int identifier)
    {
        Libmosquitto.PropertyReadString(property, identifier, out var value, skipFirst: false);
        return value == nint.Zero ? null : TakeString(value);
    }

    // libmosquitto hands out malloc'd copies; NativeMemory.Free is the C runtime's free.
    private static string TakeString(nint value)
    {
        try
        {
            return Marshal.PtrToStringUTF8(value) ?? string.Empty;
        }
        finally
        {
            NativeMemory.Free((void*)value);
        }
    }

    private static byte[] TakeBytes(nint value, ushort length)
    {
        try
        {
            return new ReadOnlySpan<byte>((void*)value, length).ToArray();
        }
        finally
        {
            NativeMemory.Free((void*)value);
        }
    }
}
