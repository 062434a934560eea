using System.Globalization;

namespace EdgeFactory.Runtime.Yaml;

/// <summary>Durations written the way people write them: <c>500ms</c>, <c>20s</c>, <c>2m</c>, <c>1h</c>, <c>30d</c>.</summary>
public static class DurationText
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];

    /// <summary>Parses a positive duration; false for anything else.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (suffix, seconds) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number > 0 && double.IsFinite(number))
            {
                value = TimeSpan.FromSeconds(number * seconds);
                return true;
            }
        }

        value = TimeSpan.Zero;
        return false;
    }

    /// <summary>Writes a duration in the shortest of the same units.</summary>
    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds < 1000 || value.TotalMilliseconds % 1000 != 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###}ms")
        : value.TotalSeconds % 60 != 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0}s")
        : value.TotalMinutes % 60 != 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0}m")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:0}h");
}
