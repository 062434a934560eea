namespace EdgeFactory.Runtime.StateMachines;

/// <summary>
/// One robot's flow machines, each built once per flow and lent to one run at a time: building a Stateless machine
/// (its states, triggers and guards) for every task cost more than running it.
/// </summary>
internal sealed class FlowMachines
{
    private readonly Dictionary<StateMachineDefinition, FlowMachine> _idle = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();

    /// <summary>An idle machine for <paramref name="flow"/>, or a new one when none is idle.</summary>
    public FlowMachine Take(StateMachineDefinition flow)
    {
        lock (_gate)
        {
            if (_idle.Remove(flow, out var machine))
            {
                return machine;
            }
        }

        return FlowMachine.For(flow);
    }

    /// <summary>Gives <paramref name="machine"/> back once its run has ended.</summary>
    public void Return(FlowMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        lock (_gate)
        {
            _idle.TryAdd(machine.Flow, machine);
        }
    }
}
