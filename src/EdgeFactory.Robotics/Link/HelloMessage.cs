using System.Buffers.Binary;

namespace EdgeFactory.Robotics.Link;

/// <summary><c>HELLO</c>: the edge's client name (16 bytes ASCII) and control period in microseconds.</summary>
public static class HelloMessage
{
    /// <summary>Payload size.</summary>
    public const int Size = 20;

    /// <summary>Writes the payload; returns its size.</summary>
    public static int Write(Span<byte> payload, string client, uint periodMicroseconds)
    {
        LinkText.Write(payload[..16], client);
        BinaryPrimitives.WriteUInt32LittleEndian(payload[16..], periodMicroseconds);
        return Size;
    }

    /// <summary>Reads the payload; false when it is too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out string client, out uint periodMicroseconds)
    {
        client = string.Empty;
        periodMicroseconds = 0;
        if (payload.Length < Size)
        {
            return false;
        }

        client = LinkText.Read(payload[..16]);
        periodMicroseconds = BinaryPrimitives.ReadUInt32LittleEndian(payload[16..]);
        return true;
    }
}
