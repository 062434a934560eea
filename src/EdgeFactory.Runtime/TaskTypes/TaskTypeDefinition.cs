using System.Text.Json;
using EdgeFactory.Runtime.StateMachines;

namespace EdgeFactory.Runtime.TaskTypes;

/// <summary>A kind of task a robot can run: its parameters, its flow, and what happens to it after a crash.</summary>
/// <param name="Name">Task type, as MES systems name it (<c>pick_place</c>).</param>
/// <param name="Description">What it does, for people.</param>
/// <param name="Parameters">Typed parameters with their ranges.</param>
/// <param name="Flow">Its state machine.</param>
/// <param name="Recovery">What happens if it was running when the edge or the agent died.</param>
public sealed record TaskTypeDefinition(
    string Name,
    string Description,
    IReadOnlyList<ParameterDefinition> Parameters,
    StateMachineDefinition Flow,
    RecoveryPolicy Recovery)
{
    /// <summary>Checks a task's parameters and fills in defaults; the problem is null when they are acceptable.</summary>
    public (IReadOnlyDictionary<string, JsonElement> Values, string? Problem) Bind(IReadOnlyDictionary<string, JsonElement>? given)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in given ?? new Dictionary<string, JsonElement>())
        {
            var definition = Parameters.FirstOrDefault(p => p.Name == name);
            if (definition is null)
            {
                return (values, $"'{Name}' has no parameter '{name}'; it takes {Describe()}");
            }

            if (definition.Check(value) is { } problem)
            {
                return (values, problem);
            }

            values[name] = value;
        }

        foreach (var parameter in Parameters)
        {
            if (values.ContainsKey(parameter.Name))
            {
                continue;
            }

            if (parameter.Required)
            {
                return (values, $"'{parameter.Name}' is required for '{Name}'");
            }

            if (parameter.Default is { } fallback)
            {
                values[parameter.Name] = fallback;
            }
        }

        return (values, null);
    }

    private string Describe() => Parameters.Count == 0 ? "none" : string.Join(", ", Parameters.Select(p => p.Name));
}
