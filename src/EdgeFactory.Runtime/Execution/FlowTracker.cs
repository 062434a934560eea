namespace EdgeFactory.Runtime.Execution;

/// <summary>The flows robots run off their actors, so a stop can wait until every abandoned one has let go.</summary>
internal sealed class FlowTracker
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>Adds a running flow; it leaves when it ends.</summary>
    public void Track(Task flow)
    {
        lock (_gate)
        {
            _running.Add(flow);
        }

        _ = flow.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _running.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Completes when every flow tracked now has ended.</summary>
    public Task WhenAllEndedAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_running.ToArray());
        }
    }
}
