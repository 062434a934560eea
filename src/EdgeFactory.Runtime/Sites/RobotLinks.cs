using EdgeFactory.Runtime.TaskTypes;
using EdgeFactory.Runtime.Yaml;

namespace EdgeFactory.Runtime.Sites;

/// <summary>
/// Reads a robot's <c>link:</c> in a site file and checks it against its kind's <c>motion:</c>: every controller has an
/// address, every policy is one the site names, every skill its tasks use can move on the link.
/// </summary>
internal static class RobotLinks
{
    // Key of a link given as one address, before the kind says which controller it is.
    private const string Single = "";

    public static IReadOnlyDictionary<string, Uri> Parse(YamlMap robot, string robotId)
    {
        var links = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (robot.HasMapping("link") && robot.OptionalMap("link") is { } map)
        {
            foreach (var entry in map.Entries())
            {
                links[entry.Name] = Address(entry.Scalar, () => entry.Error(entry.ValueAt, $"robot '{robotId}': link '{entry.Name}' must be an address such as udp://192.168.10.21:30200"));
            }

            if (links.Count == 0)
            {
                throw robot.Error(robot.MarkOf("link"), $"robot '{robotId}': 'link' names no controller");
            }
        }
        else if (robot.StringWithMark("link") is var (text, at))
        {
            links[Single] = Address(text, () => robot.Error(at, $"robot '{robotId}': link '{text}' must be an address such as udp://192.168.10.21:30200"));
        }

        return links;
    }

    public static IReadOnlyDictionary<string, Uri> Resolve(YamlMap robot, RobotDefinition definition, RobotKindDefinition kind, IEnumerable<TaskTypeDefinition> tasks, IReadOnlyDictionary<string, string> policies)
    {
        var at = robot.MarkOf("link");
        var id = definition.RobotId;
        var motion = kind.Motion ?? throw robot.Error(at, $"robot '{id}' is on a link, but its kind file '{kind.SourcePath}' has no 'motion:' section saying how a {kind.Kind} moves");
        var links = new Dictionary<string, Uri>(definition.Links, StringComparer.Ordinal);
        if (links.Remove(Single, out var only))
        {
            if (motion.Controllers.Count != 1)
            {
                throw robot.Error(at, $"robot '{id}': a {kind.Kind} has {motion.Controllers.Count} controllers ({string.Join(", ", motion.Controllers.Keys)}); give each its address, e.g. link: {{ {string.Join(", ", motion.Controllers.Keys.Select(c => c + ": udp://HOST:PORT"))} }}");
            }

            links[motion.Controllers.Keys.First()] = only;
        }

        foreach (var name in links.Keys.Where(name => !motion.Controllers.ContainsKey(name)))
        {
            throw robot.Error(at, $"robot '{id}': link '{name}' is not a controller of a {kind.Kind}; it has {string.Join(", ", motion.Controllers.Keys)}");
        }

        foreach (var controller in motion.Controllers.Values)
        {
            if (!links.ContainsKey(controller.Name))
            {
                throw robot.Error(at, $"robot '{id}': controller '{controller.Name}' of a {kind.Kind} has no address under 'link:'");
            }

            if (controller.Policy is { } policy && !policies.ContainsKey(policy))
            {
                throw robot.Error(at, $"robot '{id}': controller '{controller.Name}' is moved by policy '{policy}', which the site file's 'policies:' does not name");
            }
        }

        foreach (var task in tasks)
        {
            foreach (var state in task.Flow.States.Values)
            {
                if (state.Skill is { } skill && !motion.Skills.ContainsKey(skill) && !IsPerception(skill))
                {
                    throw robot.Error(at, $"robot '{id}' is on a link, but skill '{skill}' (task '{task.Name}', state '{state.Name}') has no entry under 'motion.skills' in '{kind.SourcePath}'");
                }
            }
        }

        return links;
    }

    /// <summary>Perception skills do not move the robot; on a linked robot they are the site's perception: its camera's when it has one, else simulated.</summary>
    public static bool IsPerception(string skill) => skill.StartsWith("vision.", StringComparison.Ordinal);

    private static Uri Address(string? text, Func<YamlFileException> error) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == "udp" && uri.Port is > 0 and < 65536 && uri.Host.Length > 0 && uri.AbsolutePath is "/" or ""
            ? uri
            : throw error();
}
