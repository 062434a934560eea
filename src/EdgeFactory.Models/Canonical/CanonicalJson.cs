using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EdgeFactory.Models.Canonical;

/// <summary>
/// The RFC 8785 JSON Canonicalization Scheme: no whitespace, object members sorted by their names' UTF-16 code units,
/// strings with the minimal escapes of ECMAScript's <c>JSON.stringify</c>, numbers in ECMAScript's shortest form.
/// Signatures cover these bytes, so a signed document may be re-indented or re-ordered without breaking them.
/// </summary>
public static class CanonicalJson
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    /// <summary>Options every signed document is parsed with: duplicate member names are an error, since they make a document mean two things.</summary>
    public static JsonDocumentOptions ReadOptions { get; } = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    /// <summary>The canonical UTF-8 bytes of <paramref name="element"/>, leaving out the root member named <paramref name="omitRootMember"/> if given.</summary>
    /// <exception cref="FormatException">A string holds a lone surrogate, or a number is outside what a double holds.</exception>
    public static byte[] Encode(JsonElement element, string? omitRootMember = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(buffer, element, omitRootMember);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> output, JsonElement element, string? omit)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(output, element, omit);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }

                    first = false;
                    Write(output, item, null);
                }

                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(output, ReadString(element));
                break;
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw new FormatException($"The number {element.GetRawText()} is outside what canonical JSON can hold.");
                }

                output.Write(Encoding.ASCII.GetBytes(EcmaScriptNumber.Format(number)));
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new FormatException($"A JSON value of kind {element.ValueKind} cannot be canonicalised.");
        }
    }

    private static void WriteObject(ArrayBufferWriter<byte> output, JsonElement element, string? omit)
    {
        var members = new List<(string Name, JsonElement Value)>();
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (omit is not null && name == omit)
            {
                continue;
            }

            members.Add((name, property.Value));
        }

        // Ordinal comparison of .NET strings is comparison of UTF-16 code units, which is what RFC 8785 sorts by.
        members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            WriteString(output, members[i].Name);
            output.Write(":"u8);
            Write(output, members[i].Value, null);
        }

        output.Write("}"u8);
    }

    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("A string holds a lone surrogate.", e);
        }
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogate(value[i]) && !(char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])))
            {
                throw new FormatException("A string holds a lone surrogate.");
            }

            if (char.IsHighSurrogate(value[i]))
            {
                i++;
            }
        }

        output.Write("\""u8);
        Span<byte> escape = stackalloc byte[6];
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(output, value.AsSpan(start, i - start));
            start = i + 1;
            ReadOnlySpan<byte> named = c switch
            {
                '"' => "\\\""u8,
                '\\' => "\\\\"u8,
                '\b' => "\\b"u8,
                '\f' => "\\f"u8,
                '\n' => "\\n"u8,
                '\r' => "\\r"u8,
                '\t' => "\\t"u8,
                _ => default,
            };
            if (named.Length > 0)
            {
                output.Write(named);
                continue;
            }

            "\\u00"u8.CopyTo(escape);
            escape[4] = Hex[c >> 4];
            escape[5] = Hex[c & 0xF];
            output.Write(escape);
        }

        WriteUtf8(output, value.AsSpan(start));
        output.Write("\""u8);
    }

    private static void WriteUtf8(ArrayBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
