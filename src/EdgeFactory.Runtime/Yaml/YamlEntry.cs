using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeFactory.Runtime.Yaml;

/// <summary>One <c>name: value</c> entry of a mapping whose keys are names, with where it is in the file.</summary>
internal sealed class YamlEntry(string name, Mark at, YamlNode value, string file)
{
    public string Name { get; } = name;

    public Mark At { get; } = at;

    public Mark ValueAt => value.Start;

    public bool IsScalar => value is YamlScalarNode;

    public string? Scalar => (value as YamlScalarNode)?.Value;

    public YamlFileException Error(Mark where, string problem) => new(file, where, problem);

    public YamlMap AsMap(string what) =>
        value is YamlMappingNode map ? YamlMap.Of(map, file) : throw Error(value.Start, $"{what} '{Name}' must be a mapping (key: value lines)");

    public IReadOnlyList<YamlMap>? AsListOfMaps() =>
        value is YamlSequenceNode sequence
            ? sequence.Children.Select(child => child is YamlMappingNode map
                ? YamlMap.Of(map, file)
                : throw Error(child.Start, $"each item under '{Name}' must be a mapping")).ToList()
            : null;

    /// <summary>A scalar as JSON: integers, decimals and true/false keep their type; quoted or other text stays a string.</summary>
    public JsonElement AsScalarJson()
    {
        if (value is not YamlScalarNode scalar || scalar.Value is null)
        {
            throw Error(value.Start, $"'{Name}' must be a single value");
        }

        var text = scalar.Value;
        var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
        if (plain && (text is "true" or "false"))
        {
            return JsonSerializer.SerializeToElement(text == "true", RuntimeJsonContext.Default.Boolean);
        }

        if (plain && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonSerializer.SerializeToElement(integer, RuntimeJsonContext.Default.Int64);
        }

        if (plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonSerializer.SerializeToElement(number, RuntimeJsonContext.Default.Double);
        }

        return JsonSerializer.SerializeToElement(text, RuntimeJsonContext.Default.String);
    }
}
