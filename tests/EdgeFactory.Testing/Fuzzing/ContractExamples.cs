using System.Text.Json.Nodes;

namespace EdgeFactory.Testing.Fuzzing;

/// <summary>The <c>examples</c> of every published contract schema: where fuzzing starts, so it starts from what MES integrators copy.</summary>
public static class ContractExamples
{
    /// <summary>Examples by schema file name (<c>task-submit</c>, <c>task-cancel</c>, ...), as JSON text.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Load(string folder)
    {
        var examples = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.schema.json").Order(StringComparer.Ordinal))
        {
            var schema = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var name = Path.GetFileName(file)[..^".schema.json".Length];
            examples[name] = schema["examples"] is JsonArray list ? list.Select(e => e!.ToJsonString()).ToList() : [];
        }

        return examples;
    }
}
