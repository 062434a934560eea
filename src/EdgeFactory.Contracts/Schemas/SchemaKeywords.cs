using System.Collections.Frozen;
using System.Text.Json;

namespace EdgeFactory.Contracts.Schemas;

/// <summary>
/// Refuses a schema with a keyword draft 2020-12 does not define, or a reference outside the file. Evaluators ignore
/// unknown keywords, so a misspelt one (<c>maxLenght</c>) would make a schema look stricter than the check that
/// enforces it; and references resolve only when an instance reaches them, which would be too late to find out.
/// </summary>
internal static class SchemaKeywords
{
    private static readonly FrozenSet<string> Known = new[]
    {
        "$schema", "$id", "$ref", "$defs", "$anchor", "$dynamicRef", "$dynamicAnchor", "$comment", "$vocabulary",
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
        "prefixItems", "items", "contains", "properties", "patternProperties", "additionalProperties", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties", "format", "contentEncoding", "contentMediaType", "contentSchema",
        "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Keywords whose value is a schema, an array of schemas, or a map of names to schemas.
    private static readonly FrozenSet<string> OneSchema = new[]
    {
        "not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "contentSchema",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SchemaArrays = new[] { "allOf", "anyOf", "oneOf", "prefixItems" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SchemaMaps = new[] { "$defs", "properties", "patternProperties", "dependentSchemas" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first unknown keyword and where it is.</summary>
    public static void EnsureKnown(JsonElement schema, string name) => Walk(schema, schema, name, string.Empty);

    private static void Walk(JsonElement root, JsonElement schema, string name, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var at = $"{path}/{keyword.Name}";
            if (!Known.Contains(keyword.Name))
            {
                throw new InvalidOperationException($"Schema {name} uses '{keyword.Name}' at {at}, which JSON Schema 2020-12 does not define.");
            }

            if (keyword.Name == "$ref" && !Resolves(root, keyword.Value.GetString() ?? string.Empty))
            {
                throw new InvalidOperationException($"Schema {name} refers to '{keyword.Value.GetString()}' at {at}; contract schemas refer only to their own $defs (#/$defs/NAME).");
            }

            if (OneSchema.Contains(keyword.Name))
            {
                Walk(root, keyword.Value, name, at);
            }
            else if (SchemaArrays.Contains(keyword.Name) && keyword.Value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in keyword.Value.EnumerateArray())
                {
                    Walk(root, item, name, $"{at}/{i++}");
                }
            }
            else if (SchemaMaps.Contains(keyword.Name) && keyword.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in keyword.Value.EnumerateObject())
                {
                    Walk(root, entry.Value, name, $"{at}/{entry.Name}");
                }
            }
        }
    }

    private static bool Resolves(JsonElement root, string reference) =>
        reference.StartsWith("#/$defs/", StringComparison.Ordinal)
            && root.TryGetProperty("$defs", out var defs)
            && defs.TryGetProperty(reference["#/$defs/".Length..], out _);
}
