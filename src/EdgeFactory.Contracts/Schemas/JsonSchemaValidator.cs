using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeFactory.Contracts.Schemas;

/// <summary>
/// Validates JSON against the subset of JSON Schema 2020-12 the contract files use.
/// </summary>
/// <remarks>
/// The JSON Schema packages on the registry here cannot be restored (JsonSchema.Net needs
/// JsonPointer.Net, which is not served), so the runtime carries this validator. It refuses
/// any schema that uses a keyword it does not implement (<see cref="EnsureSupported"/>), so a
/// schema can never look stricter than the check that enforces it.
/// </remarks>
internal static partial class JsonSchemaValidator
{
    private static readonly HashSet<string> Annotations =
        ["$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"];

    private static readonly HashSet<string> Assertions =
    [
        "type", "properties", "required", "additionalProperties", "enum", "const",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "items", "minItems", "maxItems", "maxProperties", "propertyNames", "format", "$ref",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ];

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Throws when <paramref name="schema"/> (or any subschema) uses a keyword this validator does not check.</summary>
    public static void EnsureSupported(JsonElement schema, string where)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind == JsonValueKind.False)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"{where}: a schema must be an object or a boolean.");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var at = $"{where}/{keyword.Name}";
            if (!Annotations.Contains(keyword.Name) && !Assertions.Contains(keyword.Name))
            {
                throw new InvalidOperationException($"{at}: keyword '{keyword.Name}' is not supported by the contract validator.");
            }

            switch (keyword.Name)
            {
                case "properties" or "$defs":
                    foreach (var sub in keyword.Value.EnumerateObject())
                    {
                        EnsureSupported(sub.Value, $"{at}/{sub.Name}");
                    }

                    break;
                case "allOf" or "anyOf" or "oneOf":
                    var i = 0;
                    foreach (var sub in keyword.Value.EnumerateArray())
                    {
                        EnsureSupported(sub, $"{at}/{i++}");
                    }

                    break;
                case "additionalProperties" or "items" or "propertyNames" or "not" or "if" or "then" or "else":
                    EnsureSupported(keyword.Value, at);
                    break;
                case "format" when keyword.Value.GetString() is not ("date-time" or "uri"):
                    throw new InvalidOperationException($"{at}: format '{keyword.Value}' is not supported.");
                case "$ref" when !(keyword.Value.GetString() ?? string.Empty).StartsWith("#/$defs/", StringComparison.Ordinal):
                    throw new InvalidOperationException($"{at}: only local references '#/$defs/NAME' are supported.");
                default:
                    break;
            }
        }
    }

    /// <summary>Appends every violation of <paramref name="schema"/> by <paramref name="instance"/> to <paramref name="errors"/>.</summary>
    public static void Validate(JsonElement instance, JsonElement schema, JsonElement root, string path, List<SchemaViolation> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new(path, "is not allowed here"));
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Validate(instance, Resolve(root, reference.GetString()!), root, path, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(instance, type))
        {
            errors.Add(new(path, $"must be of type {DescribeType(type)}, not {Describe(instance.ValueKind)}"));
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, instance)))
        {
            var names = string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()));
            errors.Add(new(path, $"must be one of {names}, not {Truncate(instance.GetRawText())}"));
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, instance))
        {
            errors.Add(new(path, $"must be {constant.GetRawText()}"));
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.String:
                ValidateString(instance.GetString()!, schema, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(instance.GetDouble(), schema, path, errors);
                break;
            case JsonValueKind.Object:
                ValidateObject(instance, schema, root, path, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(instance, schema, root, path, errors);
                break;
            default:
                break;
        }

        ValidateCombinators(instance, schema, root, path, errors);
    }

    private static void ValidateCombinators(JsonElement instance, JsonElement schema, JsonElement root, string path, List<SchemaViolation> errors)
    {
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var sub in allOf.EnumerateArray())
            {
                Validate(instance, sub, root, path, errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => IsValid(instance, s, root)))
        {
            errors.Add(new(path, "matches none of the allowed shapes"));
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = oneOf.EnumerateArray().Count(s => IsValid(instance, s, root));
            if (matches != 1)
            {
                errors.Add(new(path, matches == 0 ? "matches none of the allowed shapes" : "matches more than one of the allowed shapes"));
            }
        }

        if (schema.TryGetProperty("not", out var not) && IsValid(instance, not, root))
        {
            errors.Add(new(path, "matches a shape that is not allowed"));
        }

        if (schema.TryGetProperty("if", out var condition))
        {
            var branch = IsValid(instance, condition, root) ? "then" : "else";
            if (schema.TryGetProperty(branch, out var consequence))
            {
                Validate(instance, consequence, root, path, errors);
            }
        }
    }

    private static void ValidateString(string value, JsonElement schema, string path, List<SchemaViolation> errors)
    {
        // JSON Schema counts Unicode code points, not UTF-16 units.
        var length = value.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
        {
            errors.Add(new(path, $"must be at least {min.GetInt32()} characters long"));
        }

        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
        {
            errors.Add(new(path, $"must be at most {max.GetInt32()} characters long, not {length}"));
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !PatternFor(pattern.GetString()!).IsMatch(value))
        {
            errors.Add(new(path, $"'{Truncate(value)}' does not match {pattern.GetString()}"));
        }

        if (schema.TryGetProperty("format", out var format))
        {
            var ok = format.GetString() switch
            {
                "date-time" => Rfc3339().IsMatch(value)
                    && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
                _ => true,
            };
            if (!ok)
            {
                errors.Add(new(path, $"'{Truncate(value)}' is not a valid {format.GetString()}"));
            }
        }
    }

    private static void ValidateNumber(double value, JsonElement schema, string path, List<SchemaViolation> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && value < min.GetDouble())
        {
            errors.Add(new(path, $"must be at least {min.GetRawText()}, not {value.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (schema.TryGetProperty("maximum", out var max) && value > max.GetDouble())
        {
            errors.Add(new(path, $"must be at most {max.GetRawText()}, not {value.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var xmin) && value <= xmin.GetDouble())
        {
            errors.Add(new(path, $"must be greater than {xmin.GetRawText()}"));
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var xmax) && value >= xmax.GetDouble())
        {
            errors.Add(new(path, $"must be less than {xmax.GetRawText()}"));
        }
    }

    private static void ValidateObject(JsonElement instance, JsonElement schema, JsonElement root, string path, List<SchemaViolation> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                if (!instance.TryGetProperty(name.GetString()!, out _))
                {
                    errors.Add(new(path, $"is missing required property '{name.GetString()}'"));
                }
            }
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        var hasNames = schema.TryGetProperty("propertyNames", out var propertyNames);
        var count = 0;
        foreach (var property in instance.EnumerateObject())
        {
            count++;
            var at = $"{path}/{Escape(property.Name)}";
            if (hasNames)
            {
                // Names are strings, so only the string keywords of propertyNames apply.
                ValidateString(property.Name, propertyNames, at, errors);
            }

            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(property.Value, propertySchema, root, at, errors);
            }
            else if (hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add(new(path, $"has unknown property '{Truncate(property.Name)}'"));
                }
                else
                {
                    Validate(property.Value, additional, root, at, errors);
                }
            }
        }

        if (schema.TryGetProperty("maxProperties", out var maxProperties) && count > maxProperties.GetInt32())
        {
            errors.Add(new(path, $"must have at most {maxProperties.GetInt32()} properties, not {count}"));
        }
    }

    private static void ValidateArray(JsonElement instance, JsonElement schema, JsonElement root, string path, List<SchemaViolation> errors)
    {
        var length = instance.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && length < min.GetInt32())
        {
            errors.Add(new(path, $"must have at least {min.GetInt32()} items"));
        }

        if (schema.TryGetProperty("maxItems", out var max) && length > max.GetInt32())
        {
            errors.Add(new(path, $"must have at most {max.GetInt32()} items, not {length}"));
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Validate(item, items, root, $"{path}/{i++}", errors);
            }
        }
    }

    private static bool IsValid(JsonElement instance, JsonElement schema, JsonElement root)
    {
        var errors = new List<SchemaViolation>();
        Validate(instance, schema, root, string.Empty, errors);
        return errors.Count == 0;
    }

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        var name = reference["#/$defs/".Length..];
        return root.GetProperty("$defs").GetProperty(name);
    }

    private static bool MatchesType(JsonElement instance, JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => MatchesType(instance, t.GetString()!))
            : MatchesType(instance, type.GetString()!);

    private static bool MatchesType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static bool IsInteger(JsonElement number) =>
        number.TryGetInt64(out _) || (number.TryGetDouble(out var d) && double.IsFinite(d) && Math.Floor(d) == d);

    private static string DescribeType(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString()))
            : type.GetString()!;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static Regex PatternFor(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.ECMAScript, TimeSpan.FromMilliseconds(100)));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Truncate(string text)
    {
        const int Limit = 80;
        if (text.Length <= Limit)
        {
            return text;
        }

        var builder = new StringBuilder(text, 0, Limit, Limit + 1);
        return builder.Append('…').ToString();
    }
}
