using EdgeFactory.Runtime.Motion;
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

    /// <summary>Its controllers' addresses on the robot link (<c>link:</c>), by controller name; empty when it runs simulated.</summary>
    public IReadOnlyDictionary<string, Uri> Links { get; init; } = new Dictionary<string, Uri>();

    /// <summary>How its kind moves on the link (the kind file's <c>motion:</c>); null when it runs simulated.</summary>
    public MotionDefinition? Motion { get; init; }

    /// <summary>Its camera (<c>camera:</c>), whose frames its <c>vision.*</c> skills read; null when it has none and those skills stay simulated.</summary>
    public CameraDefinition? Camera { get; init; }

    /// <summary>Where its energy per task is read (robots on the link).</summary>
    public EnergySourceDefinition Energy { get; init; } = EnergySourceDefinition.Plant;

    /// <summary>Whether it is driven over the robot link rather than simulated in the edge.</summary>
    public bool OnLink => Links.Count > 0;

    /// <summary>Whether it can run <paramref name="taskType"/>.</summary>
    public bool Can(string taskType) => Tasks.ContainsKey(taskType);
}
