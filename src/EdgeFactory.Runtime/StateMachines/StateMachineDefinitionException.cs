namespace EdgeFactory.Runtime.StateMachines;

/// <summary>A flow is inconsistent (unknown target, unreachable state, …); names the state and trigger so a loader can point at the line.</summary>
public sealed class StateMachineDefinitionException : Exception
{
    /// <summary>Creates the error.</summary>
    public StateMachineDefinitionException(string problem, string? state = null, string? trigger = null)
        : base(problem)
    {
        State = state;
        Trigger = trigger;
    }

    /// <summary>State with the problem, if any.</summary>
    public string? State { get; }

    /// <summary>Trigger with the problem, if any.</summary>
    public string? Trigger { get; }
}
