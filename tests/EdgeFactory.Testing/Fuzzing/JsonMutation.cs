using System.Text.Json.Nodes;

namespace EdgeFactory.Testing.Fuzzing;

/// <summary>Small pieces the one-pass readers' mutation tests build their mutations from.</summary>
public static class JsonMutation
{
    /// <summary>Every object in <paramref name="node"/>, itself first, then those inside its values and arrays.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (var (_, child) in obj)
            {
                foreach (var inner in Objects(child))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var inner in array.SelectMany(Objects))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Replaces one number that follows a name in <paramref name="json"/>, chosen by <paramref name="random"/>, with <paramref name="number"/>'s spelling.</summary>
    public static string ReplaceNumber(string json, string number, Random random)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(random);
        var starts = Enumerable.Range(1, json.Length - 1).Where(i => char.IsAsciiDigit(json[i]) && json[i - 1] == ':').ToList();
        if (starts.Count == 0)
        {
            return json;
        }

        var at = starts[random.Next(starts.Count)];
        var end = at;
        while (end < json.Length && (char.IsAsciiDigit(json[end]) || json[end] is '.' or 'e' or 'E' or '+' or '-'))
        {
            end++;
        }

        return json[..at] + number + json[end..];
    }
}
