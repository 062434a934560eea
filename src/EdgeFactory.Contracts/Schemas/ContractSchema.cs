using System.Text.Json;

namespace EdgeFactory.Contracts.Schemas;

/// <summary>One contract's JSON Schema, loaded from the file published under <c>docs/contracts/</c>.</summary>
public sealed class ContractSchema
{
    private readonly JsonDocument _document;

    private ContractSchema(string name, JsonDocument document)
    {
        Name = name;
        _document = document;
        JsonSchemaValidator.EnsureSupported(document.RootElement, name);
    }

    /// <summary>File name of the schema, e.g. <c>task-submit.schema.json</c>.</summary>
    public string Name { get; }

    /// <summary>Every violation of this schema by <paramref name="instance"/>; empty when it conforms.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement instance)
    {
        var errors = new List<SchemaViolation>();
        JsonSchemaValidator.Validate(instance, _document.RootElement, _document.RootElement, string.Empty, errors);
        return errors;
    }

    /// <summary>Loads a schema from its JSON text; throws when it uses keywords the validator does not implement.</summary>
    public static ContractSchema Parse(string name, string json) => new(name, JsonDocument.Parse(json));

    internal static ContractSchema FromResource(string fileName)
    {
        var assembly = typeof(ContractSchema).Assembly;
        using var stream = assembly.GetManifestResourceStream($"EdgeFactory.Contracts.Schemas.{fileName}")
            ?? throw new InvalidOperationException($"Schema resource {fileName} is missing from {assembly.GetName().Name}.");
        return new ContractSchema(fileName, JsonDocument.Parse(stream));
    }
}
