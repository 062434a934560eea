namespace EdgeFactory.Runtime.StateMachines.Graphs;

/// <summary>What a node is, for drawing.</summary>
public enum FlowGraphNodeRole
{
    /// <summary>The initial state.</summary>
    Initial,

    /// <summary>A state of the main flow.</summary>
    Step,

    /// <summary>A state of the failure or cancel path.</summary>
    Recovery,

    /// <summary>completed, failed or cancelled.</summary>
    Terminal,

    /// <summary>The "any step" marker.</summary>
    AnyStep,
}
