namespace EdgeFactory.Runtime.StateMachines.Graphs;

/// <summary>An edge of a <see cref="FlowGraph"/>.</summary>
/// <param name="From">Source node id.</param>
/// <param name="To">Target node id.</param>
/// <param name="Label">Trigger and guard.</param>
/// <param name="Role">How to draw it.</param>
public sealed record FlowGraphEdge(string From, string To, string Label, FlowGraphEdgeRole Role);
