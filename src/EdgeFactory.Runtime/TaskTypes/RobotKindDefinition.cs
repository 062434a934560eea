using EdgeFactory.Runtime.Motion;

namespace EdgeFactory.Runtime.TaskTypes;

/// <summary>The task types a family of robot can run, from <c>robots/kinds/{kind}.yaml</c>.</summary>
/// <param name="Kind">The robot family.</param>
/// <param name="Tasks">Task types by name.</param>
/// <param name="SourcePath">File it was loaded from.</param>
public sealed record RobotKindDefinition(string Kind, IReadOnlyDictionary<string, TaskTypeDefinition> Tasks, string SourcePath)
{
    /// <summary>How its robots move on a robot link (<c>motion:</c>); null when the kind only runs simulated.</summary>
    public MotionDefinition? Motion { get; init; }
}
