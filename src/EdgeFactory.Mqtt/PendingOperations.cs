using System.Collections.Concurrent;

namespace EdgeFactory.Mqtt;

/// <summary>
/// Operations awaiting acknowledgement, keyed by message id. libmosquitto assigns the id inside the
/// publish call and its network thread may deliver the acknowledgement before the caller has
/// registered the id, so whichever side comes second settles the entry, without a lock.
/// </summary>
internal sealed class PendingOperations
{
    private readonly ConcurrentDictionary<int, PendingOperation> _byId = new();
    private int _waiting;

    /// <summary>Entries of any kind; callers waiting, early acknowledgements, ignored ids. Takes every lock of the table: not for hot paths.</summary>
    public int Count => _byId.Count;

    /// <summary>Callers still waiting for their acknowledgement; cheap to read on every publish.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Registers the caller's operation for <paramref name="id"/>; returns the task to await.</summary>
    public Task<int> Register(int id)
    {
        var waiting = PendingOperation.Waiting();
        Interlocked.Increment(ref _waiting);
        if (Settle(id, waiting))
        {
            Interlocked.Decrement(ref _waiting);
        }

        return waiting.Task;
    }

    /// <summary>Marks <paramref name="id"/>'s acknowledgement as unwanted.</summary>
    public void Ignore(int id) => _ = Settle(id, PendingOperation.Ignored());

    /// <summary>Completes the operation for <paramref name="id"/>, or records the answer for a caller still registering.</summary>
    public void Acknowledge(int id, int result)
    {
        var early = PendingOperation.Acknowledged(result);
        while (!_byId.TryAdd(id, early))
        {
            if (_byId.TryRemove(id, out var existing))
            {
                if (existing.Kind == PendingOperationKind.Waiting)
                {
                    Interlocked.Decrement(ref _waiting);
                    existing.Complete(result);
                    return;
                }

                if (existing.Kind == PendingOperationKind.Ignored)
                {
                    return;
                }

                // A stale early acknowledgement of a reused id: replace it.
            }
        }
    }

    /// <summary>Fails every waiting operation, e.g. on dispose.</summary>
    public void FailAll(Exception error)
    {
        foreach (var id in _byId.Keys)
        {
            if (_byId.TryRemove(id, out var pending) && pending.Kind == PendingOperationKind.Waiting)
            {
                Interlocked.Decrement(ref _waiting);
                pending.Fail(error);
            }
        }
    }

    /// <summary>Stores <paramref name="operation"/> for <paramref name="id"/>; true when an early acknowledgement settled it at once.</summary>
    private bool Settle(int id, PendingOperation operation)
    {
        while (!_byId.TryAdd(id, operation))
        {
            if (!_byId.TryRemove(id, out var existing))
            {
                continue;
            }

            switch (existing.Kind)
            {
                case PendingOperationKind.Acknowledged:
                    operation.Complete(existing.EarlyResult);
                    return true;
                case PendingOperationKind.Waiting:
                    // libmosquitto reused an id still awaited: over 65,535 unacknowledged messages.
                    Interlocked.Decrement(ref _waiting);
                    existing.Fail(new MqttException(MqttErrorCode.ProtocolError, $"Message id {id} was reused before the broker acknowledged it."));
                    break;
                default:
                    // An ignored id whose acknowledgement never came: superseded.
                    break;
            }
        }

        return false;
    }
}
