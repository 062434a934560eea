using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeFactory.Testing.Fuzzing;

/// <summary>
/// The mutations the one-pass readers' tests apply to valid examples: a value swapped, a name dropped, added, misspelt
/// or given twice, a number respelt, whitespace put between tokens, the text cut short or followed by more, and any
/// mutations of the test's own. Each call applies one, chosen by the caller's <see cref="Random"/>, so a seed gives the
/// same texts run after run.
/// </summary>
/// <param name="values">Values a mutation puts in place of one.</param>
/// <param name="numbers">Spellings a mutation puts in place of a number.</param>
/// <param name="addition">A name and value a mutation adds to an object.</param>
/// <param name="trailers">What may follow the whole text.</param>
/// <param name="own">The test's own mutations: given the document, the object chosen and the random source, the new text, or null where they changed the document in place.</param>
public sealed class JsonMutation(JsonNode?[] values, string[] numbers, Func<Random, (string Name, JsonNode? Value)> addition, string[] trailers, params Func<JsonNode, JsonObject, Random, string?>[] own)
{
    // Mutations every test shares: 0 and 1 swap a value (twice as likely as the rest), 2 to 7 as below.
    private const int Shared = 8;

    /// <summary>One mutation of <paramref name="text"/>; a text an earlier mutation already broke (a name twice, cut short) comes back as it is.</summary>
    public string Apply(string text, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        try
        {
            return ApplyToDocument(text, random);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return text;
        }
    }

    private string ApplyToDocument(string text, Random random)
    {
        var node = JsonNode.Parse(text)!;
        var objects = Objects(node).ToList();
        var target = objects[random.Next(objects.Count)];
        var key = target.Count == 0 ? "x" : target.ElementAt(random.Next(target.Count)).Key;
        var choice = random.Next(Shared + own.Length + 1);
        switch (choice)
        {
            case 0:
            case 1:
                target[key] = values[random.Next(values.Length)]?.DeepClone();
                break;
            case 2:
                target.Remove(key);
                break;
            case 3:
                var (name, added) = addition(random);
                target[name] = added;
                break;
            case 4:
                var value = target[key]?.DeepClone();
                target.Remove(key);
                target[key.Length == 0 ? "X" : char.ToUpperInvariant(key[0]) + key[1..]] = value;
                break;
            case 5:
                // The same name twice.
                var json = target.ToJsonString();
                var twice = json.Length > 2 ? json[..^1] + $",\"{key}\":{(target[key] is { } v ? v.ToJsonString() : "null")}}}" : json;
                return node.ToJsonString().Replace(json, twice, StringComparison.Ordinal);
            case 6:
                return ReplaceNumber(node.ToJsonString(), numbers[random.Next(numbers.Length)], random);
            case 7:
                return node.ToJsonString().Replace(",", " ,\n\t", StringComparison.Ordinal);
            case var mine when mine < Shared + own.Length:
                return own[mine - Shared](node, target, random) ?? node.ToJsonString();
            default:
                var whole = node.ToJsonString();
                return random.Next(2) == 0 ? whole[..random.Next(whole.Length)] : whole + trailers[random.Next(trailers.Length)];
        }

        return node.ToJsonString();
    }

    // Every object in the node, itself first, then those inside its values and arrays.
    private static IEnumerable<JsonObject> Objects(JsonNode? node)
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

    // Replaces one number that follows a name, chosen by the random source, with another spelling.
    private static string ReplaceNumber(string json, string number, Random random)
    {
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
