using System.Text.Json;
using EdgeFactory.Contracts.Topics;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Token rules the one-pass contract readers share: each says yes only when a schema rule plainly holds for the token,
/// and no to anything it does not read (the schema then decides), so a reader built from them is never looser than the
/// schema.
/// </summary>
internal static class StrictTokens
{
    /// <summary>Longest string, in UTF-8 bytes unescaped, whose length in characters is certainly within 256.</summary>
    private const int PlainTextBytes = 256;

    /// <summary>Whether the current property is <paramref name="name"/> spelt unescaped and seen for the first time (marks it seen).</summary>
    public static bool Name(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, int bit, ref int seen)
    {
        if (reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual(name) || (seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    /// <summary>Reads the next value as an identifier: <c>^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$</c>, unescaped.</summary>
    public static bool TryIdentifier(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }

        if (!TopicSegment.IsValid(reader.ValueSpan))
        {
            return false;
        }

        value = reader.GetString();
        return value is not null;
    }

    /// <summary>Reads the next value as a task type name: <c>^[a-z][a-z0-9_]{0,63}$</c>, unescaped.</summary>
    public static bool TryTypeName(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }

        var span = reader.ValueSpan;
        if (span.Length is < 1 or > 64 || !IsLowerNameByte(span[0], first: true))
        {
            return false;
        }

        foreach (var b in span)
        {
            if (!IsLowerNameByte(b, first: false))
            {
                return false;
            }
        }

        value = reader.GetString();
        return value is not null;
    }

    /// <summary>Whether <paramref name="name"/> matches <c>^[a-z][a-z0-9_]{0,31}$</c> (a parameter's name, unescaped text).</summary>
    public static bool IsParameterName(string name)
    {
        if (name.Length is < 1 or > 32 || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the current string token has at most 256 characters and decodes: plain (unescaped) text of at most 256
    /// bytes always does; anything else is decoded and counted in UTF-16 units (at least its characters).
    /// </summary>
    public static bool IsShortText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= PlainTextBytes)
        {
            return true;
        }

        // Throws for half of a surrogate pair, which the caller leaves to the schema.
        return reader.GetString() is { Length: <= PlainTextBytes };
    }

    /// <summary>Reads the next value as a plain integer (digits only, no sign, fraction or exponent) from 0 to 9.</summary>
    public static bool TryDigit(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || reader.ValueSpan is not [var digit] || !char.IsAsciiDigit((char)digit))
        {
            return false;
        }

        value = digit - '0';
        return true;
    }

    private static bool IsLowerNameByte(byte b, bool first) =>
        char.IsAsciiLetterLower((char)b) || (!first && (char.IsAsciiDigit((char)b) || b == '_'));
}
