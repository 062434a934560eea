using System.Globalization;
using System.Text.Json;

namespace EdgeFactory.Runtime.TaskTypes;

/// <summary>One typed parameter of a task type, with its range.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Type">Its type.</param>
/// <param name="Default">Value used when the task leaves it out; null makes it required unless <paramref name="Optional"/>.</param>
/// <param name="Optional">Whether it may be left out with no default.</param>
/// <param name="Min">Lowest number allowed.</param>
/// <param name="Max">Highest number allowed.</param>
/// <param name="MaxLength">Longest text allowed.</param>
/// <param name="OneOf">The only texts allowed.</param>
public sealed record ParameterDefinition(
    string Name,
    ParameterType Type,
    JsonElement? Default = null,
    bool Optional = false,
    double? Min = null,
    double? Max = null,
    int? MaxLength = null,
    IReadOnlyList<string>? OneOf = null)
{
    /// <summary>Whether a task must give it.</summary>
    public bool Required => Default is null && !Optional;

    /// <summary>Why <paramref name="value"/> is not acceptable, or null when it is.</summary>
    public string? Check(JsonElement value)
    {
        switch (Type)
        {
            case ParameterType.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"'{Name}' must be true or false";
            case ParameterType.String:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return $"'{Name}' must be text";
                }

                var text = value.GetString()!;
                if (MaxLength is { } max && text.Length > max)
                {
                    return $"'{Name}' is {text.Length} characters; at most {max} are allowed";
                }

                return OneOf is { Count: > 0 } && !OneOf.Contains(text) ? $"'{Name}' is '{text}'; use one of {string.Join(", ", OneOf)}" : null;
            default:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return $"'{Name}' must be a number";
                }

                var number = value.GetDouble();
                if (Type == ParameterType.Integer && (number != Math.Floor(number) || !value.TryGetInt64(out _)))
                {
                    return $"'{Name}' must be a whole number, not {value.GetRawText()}";
                }

                if ((Min is { } lo && number < lo) || (Max is { } hi && number > hi))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"'{Name}' is {value.GetRawText()}; allowed range is {Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"} to {Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}");
                }

                return null;
        }
    }
}
