using System.Text.Json;

namespace EdgeFactory.Runtime.Intake;

/// <summary>
/// Whether a parsed document holds a string that decodes to no text: a <c>\uD800</c>-style escape that is half of a
/// surrogate pair passes the parser and throws only when the string is read. Checked before schema validation, so no
/// validator ever meets one.
/// </summary>
internal static class JsonText
{
    /// <summary>
    /// Whether <paramref name="payload"/> (valid UTF-8) holds an escaped surrogate (<c>\uD800</c> to <c>\uDFFF</c>), the
    /// only way one of its strings can fail to decode; false means <see cref="FirstUndecodable"/> would find nothing.
    /// </summary>
    public static bool MayHoldLoneSurrogate(ReadOnlySpan<byte> payload)
    {
        var rest = payload;
        while (rest.IndexOf("\\u"u8) is var at and >= 0)
        {
            rest = rest[(at + 2)..];
            if (rest.Length >= 2 && (rest[0] | 0x20) == 'd' && (rest[1] is >= (byte)'8' and <= (byte)'9' || (rest[1] | 0x20) is >= 'a' and <= 'f'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>JSON Pointer of the first string (or, ending in <c>/*</c>, the object with a property name) that cannot be decoded; null when all can.</summary>
    public static string? FirstUndecodable(JsonElement element)
    {
        // The parser's depth limit (64) bounds the recursion.
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(element) ? null : string.Empty;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return "/*";
                    }

                    if (FirstUndecodable(property.Value) is { } below)
                    {
                        return $"/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}{below}";
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUndecodable(item) is { } below)
                    {
                        return $"/{i}{below}";
                    }

                    i++;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
