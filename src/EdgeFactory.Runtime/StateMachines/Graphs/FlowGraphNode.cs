namespace EdgeFactory.Runtime.StateMachines.Graphs;

/// <summary>A node of a <see cref="FlowGraph"/>.</summary>
/// <param name="Id">State name or terminal target.</param>
/// <param name="Detail">Skill, timeout and retries, for states that run a skill.</param>
/// <param name="Role">How to draw it.</param>
public sealed record FlowGraphNode(string Id, string? Detail, FlowGraphNodeRole Role)
{
    /// <summary>Id of the marker node standing for "any step of the main flow".</summary>
    public const string AnyStep = "any_step";
}
