namespace EdgeFactory.Runtime.StateMachines.Graphs;

/// <summary>What an edge is, for drawing.</summary>
public enum FlowGraphEdgeRole
{
    /// <summary>A declared transition.</summary>
    Transition,

    /// <summary>Into the failure path.</summary>
    Failure,

    /// <summary>Into the cancel path.</summary>
    Cancel,
}
