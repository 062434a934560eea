using System.Globalization;
using System.Text.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.TaskTypes;

namespace EdgeFactory.MesSimulation;

/// <summary>Makes random valid submissions for the task types a set of robots can do, as a busy MES would.</summary>
public sealed class TaskGenerator
{
    private readonly IReadOnlyList<TaskTypeDefinition> _types;
    private readonly Random _random;
    private readonly string _prefix;
    private long _next;

    /// <summary>Creates a generator over <paramref name="types"/>; ids are <paramref name="prefix"/>-N.</summary>
    public TaskGenerator(IEnumerable<TaskTypeDefinition> types, string prefix, int seed)
    {
        ArgumentNullException.ThrowIfNull(types);
        _types = types.DistinctBy(t => t.Name).ToList();
        _prefix = prefix;
        _random = new Random(seed);
        if (_types.Count == 0)
        {
            throw new ArgumentException("No task types to generate tasks for.", nameof(types));
        }
    }

    /// <summary>The next submission.</summary>
    public TaskSubmitMessage Next()
    {
        var type = _types[_random.Next(_types.Count)];
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var parameter in type.Parameters.Where(p => p.Required || _random.Next(2) == 0))
        {
            parameters[parameter.Name] = Value(parameter);
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{_prefix}-{Interlocked.Increment(ref _next)}");
        return new TaskSubmitMessage(id, type.Name, Priority: _random.Next(3, 8), Parameters: parameters.Count == 0 ? null : parameters);
    }

    private JsonElement Value(ParameterDefinition parameter)
    {
        double Between(double fallbackMin, double fallbackMax) =>
            (parameter.Min ?? fallbackMin) + (_random.NextDouble() * ((parameter.Max ?? fallbackMax) - (parameter.Min ?? fallbackMin)));
        return parameter.Type switch
        {
            ParameterType.Boolean => JsonSerializer.SerializeToElement(_random.Next(2) == 0, MesJsonContext.Default.Boolean),
            ParameterType.Integer => JsonSerializer.SerializeToElement((long)Math.Round(Between(0, 100)), MesJsonContext.Default.Int64),
            ParameterType.Number => JsonSerializer.SerializeToElement(Math.Round(Between(0, 100), 2), MesJsonContext.Default.Double),
            _ => JsonSerializer.SerializeToElement(
                parameter.OneOf is { Count: > 0 } options ? options[_random.Next(options.Count)] : $"part-{_random.Next(1, 999)}",
                MesJsonContext.Default.String),
        };
    }
}
