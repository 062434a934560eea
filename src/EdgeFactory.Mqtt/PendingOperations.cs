namespace EdgeFactory.Mqtt;

/// <summary>
/// Callers awaiting acknowledgements, one slot per MQTT message id (1–65,535). libmosquitto
/// assigns the id inside the publish call and its network thread may deliver the answer before
/// the caller has stored the id, so each slot is settled with compare-and-swap by whichever side
/// comes second: no lock, and no allocation in the common cases.
/// </summary>
internal sealed class PendingOperations
{
    // Slot values besides null and an Acknowledgement: an answer that came early, or an unwanted one.
    private static readonly object Ignored = new();
    private static readonly EarlyAnswer Success = new(0);

    private readonly object?[] _slots = new object?[ushort.MaxValue + 1];
    private int _waiting;

    /// <summary>Callers still waiting for their acknowledgement.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Slots in use of any kind (waiting, early answers, ignored ids); scans the table, for tests.</summary>
    public int Occupied => _slots.Count(s => s is not null);

    /// <summary>Registers a publish of <paramref name="topic"/> with message id <paramref name="id"/>.</summary>
    public ValueTask RegisterPublish(int id, string topic)
    {
        var acknowledgement = Acknowledgement.Rent(topic);
        var task = acknowledgement.AsPublishTask();
        Settle(id, acknowledgement);
        return task;
    }

    /// <summary>Registers a subscription with message id <paramref name="id"/>; the task yields the granted QoS or the refusal code.</summary>
    public ValueTask<int> RegisterSubscription(int id)
    {
        var acknowledgement = Acknowledgement.Rent(null);
        var task = acknowledgement.AsGrantTask();
        Settle(id, acknowledgement);
        return task;
    }

    /// <summary>Marks <paramref name="id"/>'s answer as unwanted (libmosquitto reports QoS 0 publishes as sent too).</summary>
    public void Ignore(int id) => Settle(id, Ignored);

    /// <summary>Settles the operation for <paramref name="id"/>, or records the answer for a caller still registering.</summary>
    public void Acknowledge(int id, int result)
    {
        ref var slot = ref _slots[id & ushort.MaxValue];
        object early = result == 0 ? Success : new EarlyAnswer(result);
        while (true)
        {
            var current = Volatile.Read(ref slot);
            if (current is null || current is EarlyAnswer)
            {
                // Empty, or a stale early answer of a reused id: store ours for the caller to find.
                if (Interlocked.CompareExchange(ref slot, early, current) == current)
                {
                    return;
                }
            }
            else if (Interlocked.CompareExchange(ref slot, null, current) == current)
            {
                if (current is Acknowledgement waiting)
                {
                    Interlocked.Decrement(ref _waiting);
                    waiting.Complete(result);
                }

                return;
            }
        }
    }

    /// <summary>Fails every waiting operation, e.g. on dispose.</summary>
    public void FailAll(Exception error)
    {
        for (var id = 0; id < _slots.Length; id++)
        {
            var current = Volatile.Read(ref _slots[id]);
            if (current is not null && Interlocked.CompareExchange(ref _slots[id], null, current) == current && current is Acknowledgement waiting)
            {
                Interlocked.Decrement(ref _waiting);
                waiting.Fail(error);
            }
        }
    }

    private void Settle(int id, object entry)
    {
        ref var slot = ref _slots[id & ushort.MaxValue];
        if (entry is Acknowledgement)
        {
            Interlocked.Increment(ref _waiting);
        }

        while (true)
        {
            var current = Volatile.Read(ref slot);
            if (current is null)
            {
                if (Interlocked.CompareExchange(ref slot, entry, null) is null)
                {
                    return;
                }

                continue;
            }

            if (Interlocked.CompareExchange(ref slot, null, current) != current)
            {
                continue;
            }

            switch (current)
            {
                case EarlyAnswer answer:
                    // The broker answered before we got here: settle at once.
                    if (entry is Acknowledgement acknowledgement)
                    {
                        Interlocked.Decrement(ref _waiting);
                        acknowledgement.Complete(answer.Result);
                    }

                    return;
                case Acknowledgement stale:
                    // libmosquitto reused an id still awaited: over 65,535 unacknowledged messages.
                    Interlocked.Decrement(ref _waiting);
                    stale.Fail(new MqttException(MqttErrorCode.ProtocolError, $"Message id {id} was reused before the broker acknowledged it."));
                    break;
                default:
                    // An ignored id whose answer never came: superseded.
                    break;
            }
        }
    }

    /// <summary>An answer that arrived before its caller registered.</summary>
    private sealed record EarlyAnswer(int Result);
}
