using System.Text.Json;
using EdgeFactory.Vision.Ocr;

namespace EdgeFactory.Runtime.Skills.Vision;

/// <summary>
/// How a label read from a part compares with the part a task names: letters and digits in order, spaces and case aside
/// (the recognizer drops spaces on some fonts, and spacing or case is no part of a part number).
/// </summary>
internal static class PartLabels
{
    /// <summary>The task parameter that names the part a robot works on.</summary>
    public const string Parameter = "part";

    // Characters a mislabel is made of: none that the recognizer confuses with another (O/0, I/1, S/5, B/8, Z/2).
    private const string Distinct = "34679ACDEFHKMNPRTXY";

    /// <summary>The part <paramref name="context"/>'s task names, or null when it names none.</summary>
    public static string? Expected(SkillContext context) =>
        context.Parameters.TryGetValue(Parameter, out var part) && part.ValueKind == JsonValueKind.String && part.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>Whether <paramref name="read"/> is the label <paramref name="expected"/>.</summary>
    public static bool Same(string read, string expected) => Squeeze(read).Equals(Squeeze(expected), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The line that is the part's label: the one matching <paramref name="expected"/>, else (or when no part is expected)
    /// the most confident; <c>Matches</c> says whether it is the expected part (any label counts when none is expected).
    /// </summary>
    public static (OcrLine? Line, bool Matches) Pick(IReadOnlyList<OcrLine> lines, string? expected)
    {
        OcrLine? best = null;
        foreach (var line in lines)
        {
            if (expected is not null && Same(line.Text, expected))
            {
                return (line, true);
            }

            if (best is null || line.Confidence > best.Confidence)
            {
                best = line;
            }
        }

        return (best, expected is null && best is not null);
    }

    /// <summary><paramref name="label"/> with its last letter or digit changed to another that reads differently: a part carrying the wrong label.</summary>
    public static string Mislabel(string label, Random random)
    {
        var chars = label.ToCharArray();
        var at = Array.FindLastIndex(chars, char.IsLetterOrDigit);
        if (at < 0)
        {
            return label + Distinct[random.Next(Distinct.Length)];
        }

        char replacement;
        do
        {
            replacement = Distinct[random.Next(Distinct.Length)];
        }
        while (char.ToUpperInvariant(chars[at]) == replacement);

        chars[at] = replacement;
        return new string(chars);
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
