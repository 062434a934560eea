using System.Globalization;
using System.Text.Json;

namespace EdgeFactory.Runtime.StateMachines;

/// <summary>
/// A transition's condition, written <c>result.defects &gt; 0</c> or <c>params.mode == fast</c>: one value of the
/// task's results or parameters compared with a literal. Small on purpose: flows are data line engineers edit.
/// </summary>
public sealed class Guard
{
    private static readonly (string Text, GuardOperator Operator)[] Operators =
    [
        ("==", GuardOperator.Equal), ("!=", GuardOperator.NotEqual), (">=", GuardOperator.GreaterOrEqual),
        ("<=", GuardOperator.LessOrEqual), (">", GuardOperator.Greater), ("<", GuardOperator.Less),
    ];

    private Guard(string text, GuardSource source, string name, GuardOperator op, string literal)
    {
        Text = text;
        Source = source;
        Name = name;
        Operator = op;
        Literal = literal;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>Whether it reads a result or a parameter.</summary>
    public GuardSource Source { get; }

    /// <summary>Name of the value read.</summary>
    public string Name { get; }

    /// <summary>The comparison.</summary>
    public GuardOperator Operator { get; }

    /// <summary>The literal compared with, as written.</summary>
    public string Literal { get; }

    /// <summary>Parses a condition; null with <paramref name="problem"/> set when it is not one.</summary>
    public static Guard? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (symbol, op) in Operators)
        {
            var at = text.IndexOf(symbol, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var left = text[..at].Trim();
            var right = text[(at + symbol.Length)..].Trim().Trim('"', '\'');
            var dot = left.IndexOf('.', StringComparison.Ordinal);
            var source = dot < 0 ? null : left[..dot] switch
            {
                "result" => (GuardSource?)GuardSource.Result,
                "params" => GuardSource.Parameter,
                _ => null,
            };
            if (source is null || dot == left.Length - 1 || right.Length == 0)
            {
                break;
            }

            problem = null;
            return new Guard(text, source.Value, left[(dot + 1)..], op, right);
        }

        problem = $"condition '{text}' must read 'result.NAME OP VALUE' or 'params.NAME OP VALUE' with OP one of ==, !=, >, >=, <, <=";
        return null;
    }

    /// <summary>Whether the condition holds; a missing value never holds.</summary>
    public bool Holds(IReadOnlyDictionary<string, JsonElement> results, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(parameters);
        var values = Source == GuardSource.Result ? results : parameters;
        if (!values.TryGetValue(Name, out var value))
        {
            return false;
        }

        int comparison;
        if (value.ValueKind == JsonValueKind.Number && double.TryParse(Literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            comparison = value.GetDouble().CompareTo(number);
        }
        else if (value.ValueKind is JsonValueKind.True or JsonValueKind.False && Literal is "true" or "false")
        {
            comparison = value.GetBoolean() == (Literal == "true") ? 0 : 1;
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            comparison = string.CompareOrdinal(value.GetString(), Literal);
        }
        else
        {
            return false;
        }

        return Operator switch
        {
            GuardOperator.Equal => comparison == 0,
            GuardOperator.NotEqual => comparison != 0,
            GuardOperator.Greater => comparison > 0,
            GuardOperator.GreaterOrEqual => comparison >= 0,
            GuardOperator.Less => comparison < 0,
            _ => comparison <= 0,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
