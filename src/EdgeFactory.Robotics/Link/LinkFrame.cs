using System.Buffers.Binary;

namespace EdgeFactory.Robotics.Link;

/// <summary>The datagram around every message: header, payload, CRC-32 (PROTOCOL.md, "Datagram").</summary>
public static class LinkFrame
{
    /// <summary>Protocol version carried in byte 4.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the payload.</summary>
    public const int HeaderSize = 16;

    /// <summary>Bytes of header and CRC together: the smallest datagram.</summary>
    public const int Overhead = HeaderSize + 4;

    /// <summary>Largest datagram either side sends or accepts.</summary>
    public const int MaxDatagramSize = 512;

    /// <summary>Largest payload that fits a datagram.</summary>
    public const int MaxPayloadSize = MaxDatagramSize - Overhead;

    /// <summary>The four magic bytes <c>EFRL</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "EFRL"u8;

    /// <summary>Where a message writes its payload inside a datagram buffer.</summary>
    public static Span<byte> Payload(Span<byte> datagram) => datagram.Slice(HeaderSize, Math.Min(MaxPayloadSize, datagram.Length - HeaderSize));

    /// <summary>Writes the header and CRC around a payload already at <see cref="HeaderSize"/>; returns the datagram's size.</summary>
    public static int Seal(Span<byte> datagram, LinkMessageType type, LinkFlags flags, uint sequence, int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadLength, MaxPayloadSize);
        var size = Overhead + payloadLength;
        ArgumentOutOfRangeException.ThrowIfLessThan(datagram.Length, size);
        Magic.CopyTo(datagram);
        datagram[4] = Version;
        datagram[5] = (byte)type;
        datagram[6] = (byte)flags;
        datagram[7] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(datagram[8..], sequence);
        BinaryPrimitives.WriteUInt16LittleEndian(datagram[12..], (ushort)payloadLength);
        BinaryPrimitives.WriteUInt16LittleEndian(datagram[14..], 0);
        var covered = HeaderSize + payloadLength;
        BinaryPrimitives.WriteUInt32LittleEndian(datagram[covered..], LinkCrc.Compute(datagram[..covered]));
        return size;
    }

    /// <summary>Checks size, magic, version and CRC in that order; on <see cref="LinkRejection.None"/> the header and payload are valid.</summary>
    public static LinkRejection Open(ReadOnlySpan<byte> datagram, out LinkHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (datagram.Length < Overhead || datagram.Length > MaxDatagramSize)
        {
            return LinkRejection.Short;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(datagram[12..]);
        if (Overhead + length != datagram.Length)
        {
            return LinkRejection.Short;
        }

        if (!datagram[..4].SequenceEqual(Magic))
        {
            return LinkRejection.Magic;
        }

        if (datagram[4] != Version)
        {
            return LinkRejection.Version;
        }

        var covered = HeaderSize + length;
        if (BinaryPrimitives.ReadUInt32LittleEndian(datagram[covered..]) != LinkCrc.Compute(datagram[..covered]))
        {
            return LinkRejection.Crc;
        }

        header = new LinkHeader((LinkMessageType)datagram[5], (LinkFlags)(datagram[6] & (byte)LinkFlags.EmergencyStop), BinaryPrimitives.ReadUInt32LittleEndian(datagram[8..]), length);
        payload = datagram.Slice(HeaderSize, length);
        return LinkRejection.None;
    }
}
