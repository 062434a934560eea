using System.Buffers.Binary;

namespace EdgeFactory.Robotics.Link;

/// <summary><c>FAULT</c>: a code, a severity (1 warning, 2 stopped) and 48 bytes of ASCII detail.</summary>
public static class FaultMessage
{
    /// <summary>Payload size.</summary>
    public const int Size = 52;

    /// <summary>Size of the detail field.</summary>
    public const int DetailSize = 48;

    /// <summary>Writes the payload; returns its size.</summary>
    public static int Write(Span<byte> payload, FaultCode code, FaultSeverity severity, string detail)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(payload, (ushort)code);
        payload[2] = (byte)severity;
        payload[3] = 0;
        LinkText.Write(payload.Slice(4, DetailSize), detail);
        return Size;
    }

    /// <summary>Reads code and severity; the detail stays in <paramref name="payload"/> at 4; false when it is too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out FaultCode code, out FaultSeverity severity)
    {
        code = 0;
        severity = 0;
        if (payload.Length < Size)
        {
            return false;
        }

        code = (FaultCode)BinaryPrimitives.ReadUInt16LittleEndian(payload);
        severity = (FaultSeverity)payload[2];
        return true;
    }

    /// <summary>The detail text of a payload that passed <see cref="TryRead"/>.</summary>
    public static string Detail(ReadOnlySpan<byte> payload) => LinkText.Read(payload.Slice(4, DetailSize));
}
