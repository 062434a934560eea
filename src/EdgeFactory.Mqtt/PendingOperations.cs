using System.Collections.Concurrent;

namespace EdgeFactory.Mqtt;

/// <summary>
/// Operations awaiting acknowledgement, keyed by message id. The broker's answer can arrive on the
/// network thread before the caller has registered the id, so whichever side comes second completes it.
/// </summary>
internal sealed class PendingOperations
{
    private readonly ConcurrentDictionary<int, PendingOperation> _byId = new();

    public int Count => _byId.Count;

    /// <summary>Registers the caller's operation for <paramref name="id"/>; returns the task to await.</summary>
    public Task<int> Register(int id)
    {
        var waiting = PendingOperation.Waiting();
        while (!_byId.TryAdd(id, waiting))
        {
            if (_byId.TryRemove(id, out var early) && early.IsEarlyAcknowledgement)
            {
                waiting.Complete(early.EarlyResult);
                break;
            }
        }

        return waiting.Task;
    }

    /// <summary>Completes the operation for <paramref name="id"/>, or records the answer for a caller still registering.</summary>
    public void Acknowledge(int id, int result)
    {
        while (true)
        {
            if (_byId.TryRemove(id, out var pending))
            {
                pending.Complete(result);
                return;
            }

            if (_byId.TryAdd(id, PendingOperation.Acknowledged(result)))
            {
                return;
            }
        }
    }

    /// <summary>Fails every waiting operation, e.g. on dispose.</summary>
    public void FailAll(Exception error)
    {
        foreach (var id in _byId.Keys)
        {
            if (_byId.TryRemove(id, out var pending))
            {
                pending.Fail(error);
            }
        }
    }
}
