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

    private YamlNode? Find(string key)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }
}
