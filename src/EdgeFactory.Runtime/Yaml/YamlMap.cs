using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeFactory.Runtime.Yaml;

/// <summary>
/// A YAML mapping read key by key with the position of every node at hand, so each error in a
/// line engineer's file names the exact line and column. Unknown keys are errors.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private YamlMap(YamlMappingNode node, string file)
    {
        _node = node;
        _file = file;
    }

    public Mark Start => _node.Start;

    public string File => _file;

    /// <summary>Parses <paramref name="text"/> and returns its root mapping.</summary>
    public static YamlMap Parse(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new YamlFileException(file, e.Start, e.Message, e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new YamlFileException(file, stream.Documents.Count == 0 ? Mark.Empty : stream.Documents[0].RootNode.Start, "the file must be a YAML mapping (key: value lines)");
        }

        return new YamlMap(root, file);
    }

    public YamlFileException Error(Mark at, string problem) => new(_file, at, problem);

    /// <summary>Where <paramref name="key"/>'s value starts, or the mapping's start when it is absent.</summary>
    public Mark MarkOf(string key) => Find(key)?.Start ?? _node.Start;

    public bool Has(string key) => Find(key) is not null;

    /// <summary>Whether <paramref name="key"/> is present with a mapping as its value (for keys that take either a value or a mapping).</summary>
    public bool HasMapping(string key) => Find(key) is YamlMappingNode;

    public string RequiredString(string key) =>
        OptionalString(key) ?? throw Error(_node.Start, $"'{key}' is required");

    public string? OptionalString(string key)
    {
        if (Find(key) is not { } value)
        {
            return null;
        }

        return value is YamlScalarNode { Value: { } text } ? text : throw Error(value.Start, $"'{key}' must be a single value");
    }

    public (string Value, Mark At)? StringWithMark(string key) =>
        Find(key) is { } node ? (OptionalString(key)!, node.Start) : null;

    public int? OptionalInt(string key, int min, int max)
    {
        if (StringWithMark(key) is not var (text, at))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(at, $"'{key}' must be a whole number from {min} to {max}, not '{text}'");
    }

    public double? OptionalNumber(string key)
    {
        if (StringWithMark(key) is not var (text, at))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(at, $"'{key}' must be a number, not '{text}'");
    }

    public bool? OptionalBool(string key)
    {
        if (StringWithMark(key) is not var (text, at))
        {
            return null;
        }

        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw Error(at, $"'{key}' must be true or false, not '{text}'"),
        };
    }

    public TimeSpan? OptionalDuration(string key, bool allowZero = false)
    {
        if (StringWithMark(key) is not var (text, at))
        {
            return null;
        }

        if (allowZero && text == "0")
        {
            return TimeSpan.Zero;
        }

        return DurationText.TryParse(text, out var value)
            ? value
            : throw Error(at, $"'{key}' must be a duration such as 500ms, 2s, 1m or 1h{(allowZero ? " (or 0)" : string.Empty)}, not '{text}'");
    }

    public IReadOnlyList<(string Value, Mark At)>? OptionalStringList(string key)
    {
        if (Find(key) is not { } value)
        {
            return null;
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Error(value.Start, $"'{key}' must be a list, e.g. [a, b]");
        }

        return sequence.Children.Select(child => child is YamlScalarNode { Value: { } text }
            ? (text, child.Start)
            : throw Error(child.Start, $"each item of '{key}' must be a single value")).ToList();
    }

    /// <summary>A list of numbers, e.g. <c>[0, -1.57, 1.57]</c>, with where it starts; null when absent.</summary>
    public (double[] Values, Mark At)? OptionalNumberList(string key)
    {
        if (Find(key) is not { } value)
        {
            return null;
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Error(value.Start, $"'{key}' must be a list of numbers, e.g. [0, 1.5]");
        }

        var numbers = new double[sequence.Children.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            var child = sequence.Children[i];
            numbers[i] = child is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number
                : throw Error(child.Start, $"each item of '{key}' must be a number");
        }

        return (numbers, value.Start);
    }

    /// <summary>A list of mappings (<c>- key: value</c> items); null when absent.</summary>
    public IReadOnlyList<YamlMap>? OptionalList(string key) => Has(key) ? RequiredList(key) : null;

    public YamlMap? OptionalMap(string key)
    {
        if (Find(key) is not { } value)
        {
            return null;
        }

        return value is YamlMappingNode map ? new YamlMap(map, _file) : throw Error(value.Start, $"'{key}' must be a mapping (key: value lines)");
    }

    public YamlMap RequiredMap(string key) => OptionalMap(key) ?? throw Error(_node.Start, $"'{key}' is required");

    public IReadOnlyList<YamlMap> RequiredList(string key)
    {
        var value = Find(key) ?? throw Error(_node.Start, $"'{key}' is required");
        if (value is not YamlSequenceNode sequence)
        {
            throw Error(value.Start, $"'{key}' must be a list ('- ' items)");
        }

        return sequence.Children.Select(child => child is YamlMappingNode map
            ? new YamlMap(map, _file)
            : throw Error(child.Start, $"each item of '{key}' must be a mapping")).ToList();
    }

    /// <summary>The mapping's own keys with their values, for mappings whose keys are names (tasks, states, parameters).</summary>
    public IReadOnlyList<YamlEntry> Entries()
    {
        var entries = new List<YamlEntry>(_node.Children.Count);
        foreach (var (key, value) in _node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw Error(key.Start, "keys must be plain names");
            }

            _read.Add(name);
            entries.Add(new YamlEntry(name, key.Start, value, _file));
        }

        return entries;
    }

    /// <summary>Scalar values of this mapping as JSON values: numbers and booleans keep their type, everything else is a string.</summary>
    public IReadOnlyDictionary<string, JsonElement> ScalarValues()
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in Entries())
        {
            values[entry.Name] = entry.AsScalarJson();
        }

        return values;
    }

    /// <summary>A scalar value as JSON (see <see cref="YamlEntry.AsScalarJson"/>), or null when absent.</summary>
    public JsonElement? OptionalScalarJson(string key) =>
        Find(key) is { } value ? new YamlEntry(key, value.Start, value, _file).AsScalarJson() : null;

    /// <summary>Throws for the first key that no accessor asked for: a misspelt key must not be silently ignored.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (key, _) in _node.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && !_read.Contains(name))
            {
                throw Error(key.Start, $"unknown key '{name}'; expected one of: {string.Join(", ", _read.Order(StringComparer.Ordinal))}");
            }
        }
    }

    internal static YamlMap Of(YamlMappingNode node, string file) => new(node, file);

    private YamlNode? Find(string key)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }
}
