using System.Buffers.Binary;

namespace EdgeFactory.Robotics.Link;

/// <summary><c>IO_SET</c>: set the digital outputs whose bit is in <c>mask</c> to the bits of <c>values</c>.</summary>
public static class IoSetMessage
{
    /// <summary>Payload size.</summary>
    public const int Size = 8;

    /// <summary>Writes the payload; returns its size.</summary>
    public static int Write(Span<byte> payload, uint mask, uint values)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(payload, mask);
        BinaryPrimitives.WriteUInt32LittleEndian(payload[4..], values);
        return Size;
    }

    /// <summary>Reads the payload; false when it is too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out uint mask, out uint values)
    {
        mask = values = 0;
        if (payload.Length < Size)
        {
            return false;
        }

        mask = BinaryPrimitives.ReadUInt32LittleEndian(payload);
        values = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        return true;
    }
}
