using System.Diagnostics;
using EdgeFactory.Robotics.Control;

namespace EdgeFactory.Bench;

/// <summary>Times each chunk a source fills (policy inference) on the pump's thread; the loop's thread never sees it.</summary>
internal sealed class TimedChunkSource(IActionChunkSource inner) : IActionChunkSource
{
    public List<double> Milliseconds { get; } = [];

    public async ValueTask<bool> FillAsync(ControlObservation observation, ActionChunk chunk, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var filled = await inner.FillAsync(observation, chunk, cancellationToken).ConfigureAwait(false);
        lock (Milliseconds)
        {
            Milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return filled;
    }
}
