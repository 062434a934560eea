namespace EdgeFactory.Runtime.StateMachines;

/// <summary>
/// A task's flow: states, where it starts, and the paths taken on a failure and on a cancel. Built by
/// <see cref="StateMachineBuilder"/>, which checks every target exists and every state is reachable.
/// </summary>
public sealed class StateMachineDefinition
{
    internal StateMachineDefinition(
        string name,
        string initial,
        IReadOnlyDictionary<string, StateDefinition> states,
        string? failurePath,
        string? cancelPath,
        IReadOnlyList<string> order,
        int mainFlowCount)
    {
        Name = name;
        Initial = initial;
        States = states;
        FailurePath = failurePath;
        CancelPath = cancelPath;
        Order = order;
        MainFlowCount = mainFlowCount;
    }

    /// <summary>Name of the flow (the task type).</summary>
    public string Name { get; }

    /// <summary>State entered first.</summary>
    public string Initial { get; }

    /// <summary>Every declared state by name.</summary>
    public IReadOnlyDictionary<string, StateDefinition> States { get; }

    /// <summary>State entered when a step fails or times out with no transition for it; null ends the task as failed at once.</summary>
    public string? FailurePath { get; }

    /// <summary>State entered when the task is cancelled while running; null ends it as cancelled at once.</summary>
    public string? CancelPath { get; }

    /// <summary>States in report order: the main flow first (breadth-first from <see cref="Initial"/>), then the failure and cancel paths.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>Number of states in the main flow; the step count reported to the MES.</summary>
    public int MainFlowCount { get; }

    /// <summary>Position of <paramref name="state"/> in <see cref="Order"/>.</summary>
    public int IndexOf(string state)
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i] == state)
            {
                return i;
            }
        }

        return -1;
    }
}
