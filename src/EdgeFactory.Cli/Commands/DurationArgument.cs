using System.CommandLine.Parsing;

namespace EdgeFactory.Cli.Commands;

/// <summary>Parses durations written the way people write them: <c>500ms</c>, <c>20s</c>, <c>2m</c>, <c>1h</c>.</summary>
internal static class DurationArgument
{
    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration; write e.g. 500ms, 20s, 2m or 1h.");
        return TimeSpan.Zero;
    }

    public static bool TryParse(string text, out TimeSpan value) => Runtime.Yaml.DurationText.TryParse(text, out value);
}
