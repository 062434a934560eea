using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace EdgeFactory.Runtime.Intake;

/// <summary>Where a payload stops being UTF-8, so a rejection can point at the byte.</summary>
internal static class Utf8Text
{
    /// <summary>Offset of the first byte that is not part of a well-formed UTF-8 character; null when all are.</summary>
    public static int? FirstInvalidByte(ReadOnlySpan<byte> payload)
    {
        if (Utf8.IsValid(payload))
        {
            return null;
        }

        var offset = 0;
        while (offset < payload.Length)
        {
            if (Rune.DecodeFromUtf8(payload[offset..], out _, out var used) != OperationStatus.Done)
            {
                return offset;
            }

            offset += used;
        }

        return null;
    }
}
