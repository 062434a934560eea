using System.Text.Json;
using EdgeFactory.Runtime.Motion;
using EdgeFactory.Runtime.StateMachines;
using EdgeFactory.Runtime.Yaml;
using YamlDotNet.Core;

namespace EdgeFactory.Runtime.TaskTypes;

/// <summary>Loads and checks a robot kind file (<c>robots/kinds/*.yaml</c>); every error names the file, line and column.</summary>
public static class RobotKindFile
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Reads <paramref name="path"/>; throws <see cref="YamlFileException"/> on any problem.</summary>
    public static RobotKindDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Robot kind file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), Path.GetFullPath(path));
    }

    /// <summary>Parses kind YAML; <paramref name="file"/> is used in error messages.</summary>
    public static RobotKindDefinition Parse(string yaml, string file)
    {
        var root = YamlMap.Parse(yaml, file);
        var (kindName, kindAt) = root.StringWithMark("kind") ?? throw root.Error(root.Start, "'kind' is required");
        if (!RobotKindNames.IsValid(kindName))
        {
            throw root.Error(kindAt, $"kind '{kindName}' must be {RobotKindNames.Rule}");
        }

        var tasks = new Dictionary<string, TaskTypeDefinition>(StringComparer.Ordinal);
        foreach (var entry in root.RequiredMap("tasks").Entries())
        {
            if (!YamlName.IsValid(entry.Name, 64))
            {
                throw entry.Error(entry.At, $"task type '{entry.Name}' must be lower case letters, digits and '_', starting with a letter");
            }

            tasks[entry.Name] = ParseTask(entry.Name, entry.AsMap("task"));
        }

        if (tasks.Count == 0)
        {
            throw root.Error(root.MarkOf("tasks"), "a robot kind needs at least one task under 'tasks:'");
        }

        var motion = root.OptionalMap("motion") is { } section ? MotionSection.Parse(section) : null;
        root.RejectUnknownKeys();
        return new RobotKindDefinition(kindName, tasks, file) { Motion = motion };
    }

    private static TaskTypeDefinition ParseTask(string name, YamlMap map)
    {
        var description = map.OptionalString("description") ?? name;
        var recovery = map.StringWithMark("recovery") switch
        {
            null or ("resume", _) => RecoveryPolicy.Resume,
            ("fail", _) => RecoveryPolicy.Fail,
            var (other, at) => throw map.Error(at, $"recovery '{other}' must be resume or fail"),
        };
        var parameters = (map.OptionalMap("parameters")?.Entries() ?? []).Select(ParseParameter).ToList();
        var builder = new StateMachineBuilder(name)
        {
            Initial = map.OptionalString("initial"),
            FailurePath = map.OptionalString("on_failure"),
            CancelPath = map.OptionalString("on_cancel"),
        };
        var marks = new Dictionary<string, (Mark State, Dictionary<string, Mark> Triggers)>(StringComparer.Ordinal);
        var states = map.RequiredMap("states");
        foreach (var entry in states.Entries())
        {
            var (state, triggers) = ParseState(entry, parameters);
            marks[entry.Name] = (entry.At, triggers);
            try
            {
                builder.Add(state);
            }
            catch (StateMachineDefinitionException e)
            {
                throw entry.Error(entry.At, e.Message);
            }
        }

        map.RejectUnknownKeys();
        try
        {
            return new TaskTypeDefinition(name, description, parameters, builder.Build(), recovery);
        }
        catch (StateMachineDefinitionException e)
        {
            var at = e.State is not null && marks.TryGetValue(e.State, out var m)
                ? (e.Trigger is not null && m.Triggers.TryGetValue(e.Trigger, out var t) ? t : m.State)
                : e.Trigger is not null ? map.MarkOf(e.Trigger) : map.MarkOf("states");
            if (e.State is null && e.Trigger is null && e.Message.StartsWith("'on_", StringComparison.Ordinal))
            {
                at = map.MarkOf(e.Message[1..e.Message.IndexOf('\'', 1)]);
            }
            else if (e.State is null && e.Message.StartsWith("'initial'", StringComparison.Ordinal))
            {
                at = map.MarkOf("initial");
            }

            throw map.Error(at, e.Message);
        }
    }

    private static ParameterDefinition ParseParameter(YamlEntry entry)
    {
        if (!YamlName.IsValid(entry.Name, 32))
        {
            throw entry.Error(entry.At, $"parameter '{entry.Name}' must be lower case letters, digits and '_', starting with a letter (at most 32)");
        }

        var map = entry.AsMap("parameter");
        var (typeName, typeAt) = map.StringWithMark("type") ?? throw map.Error(map.Start, $"parameter '{entry.Name}' needs a 'type' (string, integer, number or boolean)");
        var type = typeName switch
        {
            "string" => ParameterType.String,
            "integer" => ParameterType.Integer,
            "number" => ParameterType.Number,
            "boolean" => ParameterType.Boolean,
            _ => throw map.Error(typeAt, $"type '{typeName}' must be string, integer, number or boolean"),
        };
        var parameter = new ParameterDefinition(
            entry.Name,
            type,
            Optional: map.OptionalBool("optional") ?? false,
            Min: map.OptionalNumber("min"),
            Max: map.OptionalNumber("max"),
            MaxLength: map.OptionalInt("max_length", 1, 256),
            OneOf: map.OptionalStringList("one_of")?.Select(v => v.Value).ToList());
        if (parameter.Min > parameter.Max)
        {
            throw map.Error(map.MarkOf("min"), $"parameter '{entry.Name}' has min above max");
        }

        if (map.Has("default"))
        {
            var fallback = parameter.Type == ParameterType.String
                ? JsonSerializer.SerializeToElement(map.RequiredString("default"), RuntimeJsonContext.Default.String)
                : map.OptionalScalarJson("default")!.Value;
            if (parameter.Check(fallback) is { } problem)
            {
                throw map.Error(map.MarkOf("default"), $"the default does not fit: {problem}");
            }

            parameter = parameter with { Default = fallback };
        }

        map.RejectUnknownKeys();
        return parameter;
    }

    private static (StateDefinition State, Dictionary<string, Mark> Triggers) ParseState(YamlEntry entry, IReadOnlyList<ParameterDefinition> parameters)
    {
        var map = entry.AsMap("state");
        var skill = map.OptionalString("skill");
        var timeout = map.OptionalDuration("timeout") ?? DefaultTimeout;
        var retries = map.OptionalInt("retries", 0, 10) ?? 0;
        var onEntry = map.OptionalMap("entry")?.ScalarValues() ?? new Dictionary<string, JsonElement>();
        var onExit = map.OptionalMap("exit")?.ScalarValues() ?? new Dictionary<string, JsonElement>();
        var transitions = new List<TransitionDefinition>();
        var triggers = new Dictionary<string, Mark>(StringComparer.Ordinal);
        foreach (var on in map.RequiredMap("on").Entries())
        {
            triggers[on.Name] = on.At;
            if (on.IsScalar)
            {
                transitions.Add(new TransitionDefinition(on.Name, on.Scalar!, null));
                continue;
            }

            var choices = on.AsListOfMaps() ?? throw on.Error(on.ValueAt, $"'{on.Name}' must name a state, or list choices as '- when: CONDITION' / 'to: STATE' items");
            foreach (var choice in choices)
            {
                Guard? guard = null;
                if (choice.StringWithMark("when") is var (condition, conditionAt))
                {
                    guard = Guard.TryParse(condition, out var problem) ?? throw choice.Error(conditionAt, problem!);
                    if (guard.Source == GuardSource.Parameter && !parameters.Any(p => p.Name == guard.Name))
                    {
                        throw choice.Error(conditionAt, $"condition '{condition}' reads parameter '{guard.Name}', which this task does not declare{(parameters.Count == 0 ? string.Empty : $" (it has {string.Join(", ", parameters.Select(p => p.Name))})")}");
                    }
                }

                transitions.Add(new TransitionDefinition(on.Name, choice.RequiredString("to"), guard));
                choice.RejectUnknownKeys();
            }
        }

        map.RejectUnknownKeys();
        return (new StateDefinition(entry.Name, skill, timeout, retries, onEntry, onExit, transitions), triggers);
    }
}
