using EdgeFactory.Runtime.Skills;
using EdgeFactory.Runtime.TaskTypes;

namespace EdgeFactory.Runtime.Sites;

/// <summary>One robot placed at a site.</summary>
/// <param name="RobotId">Robot id, unique at the site.</param>
/// <param name="Kind">Robot family.</param>
/// <param name="Name">Name people use for it on the line.</param>
public sealed record RobotDefinition(string RobotId, string Kind, string Name)
{
    /// <summary>Task types this robot runs: its kind's, or the subset the site file lists.</summary>
    public IReadOnlyDictionary<string, TaskTypeDefinition> Tasks { get; init; } = new Dictionary<string, TaskTypeDefinition>();

    /// <summary>How its simulated driver behaves.</summary>
    public SimulationOptions Simulation { get; init; } = new();

    /// <summary>Whether it can run <paramref name="taskType"/>.</summary>
    public bool Can(string taskType) => Tasks.ContainsKey(taskType);
}
