using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Topics;
using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Runtime.Sites;

/// <summary>Loads and checks a site file (<c>robots/sites/*.yaml</c>); every error names the file, line and column.</summary>
public static class SiteFile
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="YamlFileException"/> on any problem.</summary>
    public static SiteDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Site file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), Path.GetFullPath(path));
    }

    /// <summary>Parses site YAML; <paramref name="file"/> is used in error messages.</summary>
    public static SiteDefinition Parse(string yaml, string file)
    {
        var root = YamlMap.Parse(yaml, file);
        var site = Id(root, "site");
        if (site == Topics.FleetLevel)
        {
            throw root.Error(root.Start, $"'{Topics.FleetLevel}' is reserved and cannot be a site id");
        }

        var device = Id(root, "device");
        var robots = new List<RobotDefinition>();
        foreach (var entry in root.RequiredList("robots"))
        {
            var id = Id(entry, "id");
            if (robots.Any(r => r.RobotId == id))
            {
                throw entry.Error(entry.Start, $"robot id '{id}' appears twice");
            }

            var (kindName, kindAt) = entry.StringWithMark("kind") ?? throw entry.Error(entry.Start, $"robot '{id}' needs a 'kind'");
            var kind = kindName switch
            {
                "humanoid" => RobotKind.Humanoid,
                "conveyor" => RobotKind.Conveyor,
                "pick_place_cell" => RobotKind.PickPlaceCell,
                _ => throw entry.Error(kindAt, $"robot '{id}' has kind '{kindName}'; use humanoid, conveyor or pick_place_cell"),
            };
            robots.Add(new RobotDefinition(id, kind, entry.OptionalString("name") ?? id));
            entry.RejectUnknownKeys();
        }

        if (robots.Count == 0)
        {
            throw root.Error(root.Start, "a site needs at least one robot under 'robots:'");
        }

        root.RejectUnknownKeys();
        return new SiteDefinition(site, device, robots, file);
    }

    private static string Id(YamlMap map, string key)
    {
        var (value, at) = map.StringWithMark(key) ?? throw map.Error(map.Start, $"'{key}' is required");
        return TopicSegment.IsValid(value)
            ? value
            : throw map.Error(at, $"{key} '{value}' is invalid: use 1 to {TopicSegment.MaxLength} letters, digits, '_', '.', ':' or '-', starting with a letter or digit");
    }
}
