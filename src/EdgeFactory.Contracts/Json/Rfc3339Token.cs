using System.Text.Json;

namespace EdgeFactory.Contracts.Json;

/// <summary>
/// Reads a contract's <c>date-time</c> from the next JSON token when it plainly is one: the one-pass readers of
/// submissions and telemetry windows take a message only when every rule holds, so this is stricter than the schema's
/// <c>format</c>, never looser.
/// </summary>
public static class Rfc3339Token
{
    /// <summary>
    /// Reads the next token as <c>yyyy-MM-ddTHH:mm:ss[.f{1,7}](Z|±hh:mm)</c> (at most 64 bytes), then by the same parser
    /// the deserialiser uses, which checks the calendar; false for anything else.
    /// </summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueSpan.Length > 64)
        {
            return false;
        }

        // Writers may escape the '+' of an offset (\u002B); the rules apply to the text it stands for.
        Span<byte> unescaped = stackalloc byte[64];
        var s = reader.ValueIsEscaped ? unescaped[..reader.CopyString(unescaped)] : reader.ValueSpan;
        if (s.Length < 20 || !Digits(s, 0, 4) || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2) || s[10] != 'T'
            || !Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2) || s[16] != ':' || !Digits(s, 17, 2)
            || s[11] > '2' || s[14] > '5' || s[17] > '5')
        {
            return false;
        }

        var at = 19;
        if (s[at] == '.')
        {
            var digits = 0;
            while (at + 1 + digits < s.Length && char.IsAsciiDigit((char)s[at + 1 + digits]))
            {
                digits++;
            }

            if (digits is < 1 or > 7)
            {
                return false;
            }

            at += 1 + digits;
        }

        var zone = s[at..];
        var zoned = zone is [(byte)'Z']
            || (zone.Length == 6 && zone[0] is (byte)'+' or (byte)'-' && Digits(zone, 1, 2) && zone[3] == ':' && Digits(zone, 4, 2) && zone[1] <= '1' && zone[4] <= '5');
        return zoned && reader.TryGetDateTimeOffset(out value);
    }

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count) => s.Slice(at, count).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
}
