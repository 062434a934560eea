using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace EdgeFactory.Contracts.Schemas;

/// <summary>
/// Words JsonSchema.Net's evaluation results for MES integrators: one <see cref="SchemaViolation"/> per failing
/// keyword at the instance location it failed at, naming the value and the limit it broke. Failures inside
/// <c>anyOf</c>, <c>oneOf</c>, <c>not</c> and an <c>if</c> condition are summed up by their own keyword instead.
/// </summary>
internal static class SchemaViolations
{
    private const int Limit = 80;

    /// <summary>The violations in <paramref name="results"/> (list output) of the schema rooted at <paramref name="root"/>.</summary>
    public static IReadOnlyList<SchemaViolation> Describe(EvaluationResults results, JsonElement instance, JsonElement root)
    {
        var violations = new List<SchemaViolation>();
        var seen = new HashSet<(string, string, string)>();
        foreach (var node in results.Details is { } details ? details.Prepend(results) : [results])
        {
            if (node.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var evaluationPath = Segments(node.EvaluationPath.ToString());
            if (InsideCombinator(evaluationPath))
            {
                continue;
            }

            var instancePath = node.InstanceLocation.ToString();
            var schema = Resolve(root, root, evaluationPath);
            var value = Locate(instance, Segments(instancePath));
            foreach (var keyword in errors.Keys)
            {
                if (seen.Add((string.Join('/', evaluationPath), instancePath, keyword)))
                {
                    Add(violations, keyword, errors[keyword], schema, value, instancePath, evaluationPath);
                }
            }
        }

        return violations;
    }

    private static void Add(List<SchemaViolation> violations, string keyword, string detail, JsonElement? schema, JsonElement? value, string path, string[] evaluationPath)
    {
        if (schema is not { } s || value is not { } v)
        {
            violations.Add(new(path, detail));
            return;
        }

        // propertyNames evaluates the name, where the instance location points at the value.
        var text = evaluationPath.Contains("propertyNames") ? Unescape(path[(path.LastIndexOf('/') + 1)..])
            : v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();

        switch (keyword)
        {
            case "" when evaluationPath is [.., "additionalProperties" or "unevaluatedProperties"]:
                var parent = path[..Math.Max(0, path.LastIndexOf('/'))];
                violations.Add(new(parent, $"has unknown property '{Truncate(Unescape(path[(path.LastIndexOf('/') + 1)..]))}'"));
                break;
            case "":
                violations.Add(new(path, "is not allowed here"));
                break;
            case "type":
                violations.Add(new(path, $"must be of type {DescribeType(s.GetProperty("type"))}, not {Describe(v.ValueKind)}"));
                break;
            case "enum":
                violations.Add(new(path, $"must be one of {string.Join(", ", s.GetProperty("enum").EnumerateArray().Select(a => a.GetRawText()))}, not {Truncate(v.GetRawText())}"));
                break;
            case "const":
                violations.Add(new(path, $"must be {s.GetProperty("const").GetRawText()}"));
                break;
            case "required":
                foreach (var name in s.GetProperty("required").EnumerateArray().Select(n => n.GetString()!).Where(n => v.ValueKind == JsonValueKind.Object && !v.TryGetProperty(n, out _)))
                {
                    violations.Add(new(path, $"is missing required property '{name}'"));
                }

                break;
            case "minLength":
                violations.Add(new(path, $"must be at least {s.GetProperty("minLength").GetRawText()} characters long"));
                break;
            case "maxLength":
                violations.Add(new(path, $"must be at most {s.GetProperty("maxLength").GetRawText()} characters long, not {text.EnumerateRunes().Count()}"));
                break;
            case "pattern":
                violations.Add(new(path, $"'{Truncate(text)}' does not match {s.GetProperty("pattern").GetString()}"));
                break;
            case "format":
                violations.Add(new(path, $"'{Truncate(text)}' is not a valid {s.GetProperty("format").GetString()}"));
                break;
            case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                violations.Add(new(path, $"must be {Bound(keyword)} {s.GetProperty(keyword).GetRawText()}, not {Truncate(v.GetRawText())}"));
                break;
            case "maxProperties" or "minProperties" or "maxItems" or "minItems":
                var count = v.ValueKind == JsonValueKind.Object ? v.EnumerateObject().Count() : v.GetArrayLength();
                violations.Add(new(path, $"must have {(keyword.StartsWith("max", StringComparison.Ordinal) ? "at most" : "at least")} {s.GetProperty(keyword).GetRawText()} {(keyword.EndsWith("Items", StringComparison.Ordinal) ? "items" : "properties")}, not {count}"));
                break;
            case "anyOf":
                violations.Add(new(path, "matches none of the allowed shapes"));
                break;
            case "oneOf":
                violations.Add(new(path, "matches none or more than one of the allowed shapes"));
                break;
            case "not":
                violations.Add(new(path, "matches a shape that is not allowed"));
                break;
            default:
                violations.Add(new(path, detail));
                break;
        }
    }

    private static string Bound(string keyword) => keyword switch
    {
        "minimum" => "at least",
        "maximum" => "at most",
        "exclusiveMinimum" => "greater than",
        _ => "less than",
    };

    // A failing branch of anyOf/oneOf, the subschema of not, or an if condition is no error by itself.
    private static bool InsideCombinator(string[] evaluationPath)
    {
        for (var i = 0; i < evaluationPath.Length - 1; i++)
        {
            if (evaluationPath[i] is "anyOf" or "oneOf" or "not" or "if")
            {
                return true;
            }
        }

        return evaluationPath is [.., "if"];
    }

    // The subschema an evaluation path leads to, following local references as the evaluator did.
    private static JsonElement? Resolve(JsonElement root, JsonElement schema, string[] path)
    {
        var current = schema;
        foreach (var segment in path)
        {
            if (segment == "$ref")
            {
                var target = current.GetProperty("$ref").GetString() ?? string.Empty;
                if (!target.StartsWith('#'))
                {
                    return null;
                }

                current = Locate(root, Segments(target[1..])) ?? default;
            }
            else if (Step(current, segment) is { } next)
            {
                current = next;
            }
            else
            {
                return null;
            }

            if (current.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }
        }

        return current;
    }

    private static JsonElement? Locate(JsonElement element, string[] path)
    {
        var current = element;
        foreach (var segment in path)
        {
            if (Step(current, segment) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private static JsonElement? Step(JsonElement element, string segment) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty(segment, out var child) => child,
        JsonValueKind.Array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < element.GetArrayLength() => element[i],
        _ => null,
    };

    private static string[] Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(Unescape).ToArray();

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string DescribeType(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString()))
            : type.GetString()!;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string text) =>
        text.Length <= Limit ? text : new StringBuilder(text, 0, Limit, Limit + 1).Append('…').ToString();
}
