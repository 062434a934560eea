using System.Buffers;

namespace EdgeFactory.Contracts.Topics;

/// <summary>The rule for ids that become topic levels (site, device, robot and task ids).</summary>
public static class TopicSegment
{
    /// <summary>Longest id accepted, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>The same rule as a regular expression, as used in the JSON schemas.</summary>
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-");

    private static readonly SearchValues<byte> AllowedUtf8 =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-"u8);

    /// <summary>Whether <paramref name="value"/> is a valid id: 1–64 of letters, digits, <c>_ . : -</c>, starting with a letter or digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> value) =>
        value.Length is > 0 and <= MaxLength
        && char.IsAsciiLetterOrDigit(value[0])
        && !value.ContainsAnyExcept(Allowed);

    /// <summary>The same rule on UTF-8 bytes, as a JSON reader sees an unescaped string: no byte outside ASCII passes.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8) =>
        utf8.Length is > 0 and <= MaxLength
        && char.IsAsciiLetterOrDigit((char)utf8[0])
        && !utf8.ContainsAnyExcept(AllowedUtf8);

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/> when the id is invalid.</summary>
    public static string Require(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value))
        {
            throw new ArgumentException(
                $"{what} '{value}' is not a valid id: use 1 to {MaxLength} letters, digits, '_', '.', ':' or '-', starting with a letter or digit.",
                what);
        }

        return value;
    }
}
