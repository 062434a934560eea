namespace EdgeFactory.Runtime.StateMachines;

/// <summary>Told of every state a run enters, before its skill starts; the run waits for it (the journal makes the step durable there).</summary>
public interface IFlowObserver
{
    /// <summary>The run entered <paramref name="state"/>, at <paramref name="index"/> of the flow's report order.</summary>
    ValueTask OnStateEnteredAsync(string state, int index, CancellationToken cancellationToken);
}
