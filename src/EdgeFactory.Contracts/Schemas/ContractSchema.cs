using System.Text.Json;
using Json.Schema;

namespace EdgeFactory.Contracts.Schemas;

/// <summary>
/// One contract's JSON Schema (draft 2020-12), loaded from the file published under <c>docs/contracts/</c> and
/// evaluated by JsonSchema.Net. Violations are worded for MES integrators by <see cref="SchemaViolations"/>.
/// </summary>
public sealed class ContractSchema
{
    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private static readonly EvaluationOptions List = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private readonly JsonDocument _document;
    private readonly JsonSchema _schema;

    private ContractSchema(string name, JsonDocument document)
    {
        Name = name;
        _document = document;
        SchemaKeywords.EnsureKnown(document.RootElement, name);
        try
        {
            // A registry of its own: the schemas' $id values are fixed, and a second load must not collide with the first.
            _schema = JsonSchema.FromText(document.RootElement.GetRawText(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception e) when (e is JsonSchemaException or RefResolutionException)
        {
            throw new InvalidOperationException($"Schema {name} cannot be used: {e.Message}", e);
        }
    }

    /// <summary>File name of the schema, e.g. <c>task-submit.schema.json</c>.</summary>
    public string Name { get; }

    /// <summary>Every violation of this schema by <paramref name="instance"/>; empty when it conforms.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement instance)
    {
        // Most messages conform: the flag answer costs the least, the detailed one is built only to explain a failure.
        if (_schema.Evaluate(instance, Flag).IsValid)
        {
            return [];
        }

        return SchemaViolations.Describe(_schema.Evaluate(instance, List), instance, _document.RootElement);
    }

    /// <summary>Loads a schema from its JSON text; throws when it uses a keyword draft 2020-12 does not define or a reference it cannot resolve.</summary>
    public static ContractSchema Parse(string name, string json) => new(name, JsonDocument.Parse(json));

    internal static ContractSchema FromResource(string fileName)
    {
        var assembly = typeof(ContractSchema).Assembly;
        using var stream = assembly.GetManifestResourceStream($"EdgeFactory.Contracts.Schemas.{fileName}")
            ?? throw new InvalidOperationException($"Schema resource {fileName} is missing from {assembly.GetName().Name}.");
        return new ContractSchema(fileName, JsonDocument.Parse(stream));
    }
}
