using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using EdgeFactory.Mqtt.Native;

namespace EdgeFactory.Mqtt;

/// <summary>
/// A caller waiting for the broker's answer to one packet, pooled so that a steady stream of QoS 1
/// publishes allocates nothing per message. Awaited as <see cref="ValueTask"/> (publish: an error
/// reason code becomes an exception) or <see cref="ValueTask{Int32}"/> (subscribe: the grant).
/// </summary>
internal sealed class Acknowledgement : IValueTaskSource, IValueTaskSource<int>
{
    private const int PoolLimit = 4_096;
    private static readonly ConcurrentQueue<Acknowledgement> Pool = new();

    // Continuations never run on libmosquitto's network thread.
    private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = true };
    private string? _publishTopic;

    public static Acknowledgement Rent(string? publishTopic)
    {
        var acknowledgement = Pool.TryDequeue(out var pooled) ? pooled : new Acknowledgement();
        acknowledgement._publishTopic = publishTopic;
        return acknowledgement;
    }

    public ValueTask AsPublishTask() => new(this, _core.Version);

    public ValueTask<int> AsGrantTask() => new(this, _core.Version);

    /// <summary>Settles with the broker's reason code; a publish with an error code fails.</summary>
    public void Complete(int reasonCode)
    {
        if (_publishTopic is { } topic && reasonCode >= 0x80)
        {
            _core.SetException(MosquittoStatus.ReasonToException(reasonCode, $"the publish to '{topic}'"));
        }
        else
        {
            _core.SetResult(reasonCode);
        }
    }

    public void Fail(Exception error) => _core.SetException(error);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    public int GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            _publishTopic = null;
            if (Pool.Count < PoolLimit)
            {
                Pool.Enqueue(this);
            }
        }
    }
}
