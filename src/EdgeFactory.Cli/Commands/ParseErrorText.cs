using System.Text.RegularExpressions;

namespace EdgeFactory.Cli.Commands;

/// <summary>Rewrites System.CommandLine's conversion errors, which name .NET types (<c>System.Nullable`1[System.Int32]</c>), in words.</summary>
internal static partial class ParseErrorText
{
    public static string Of(string message)
    {
        var match = Conversion().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var words = type switch
        {
            _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) => "a number",
            _ when type.Contains("DateTimeOffset", StringComparison.Ordinal) => "a time in RFC 3339, e.g. 2026-11-22T14:00:00Z",
            _ when type.Contains("TimeSpan", StringComparison.Ordinal) => "a duration, e.g. 500ms, 20s, 2m",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ => "a value of the form its --help describes",
        };
        return $"{match.Groups["what"].Value} takes {words}, not '{match.Groups["value"].Value}'.";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<what>.*)' as expected type '(?<type>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Conversion();
}
