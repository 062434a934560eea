namespace EdgeFactory.Vision.Frames;

/// <summary>
/// Hands the newest frame from a producer (a capture loop) to a slower consumer without a queue: three frames rotate
/// (being written, newest ready, being read), so a frame the consumer never took is overwritten and counted as dropped.
/// </summary>
public sealed class LatestFrameSlot : IDisposable
{
    // A lock, not lock-free swaps: held for three reference swaps, never across a copy, and the counts stay consistent with the swaps.
    private readonly Lock _gate = new();
    private Frame _back = new();
    private Frame _ready = new();
    private Frame _front = new();
    private bool _fresh;
    private long _published;
    private long _dropped;

    /// <summary>The frame the producer fills next; publish it with <see cref="Publish"/>.</summary>
    public Frame Back => _back;

    /// <summary>Frames published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Frames overwritten before the consumer took them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Makes <see cref="Back"/> the newest frame; a newest frame nobody took is dropped.</summary>
    public void Publish()
    {
        lock (_gate)
        {
            (_back, _ready) = (_ready, _back);
            if (_fresh)
            {
                Interlocked.Increment(ref _dropped);
            }

            _fresh = true;
            Interlocked.Increment(ref _published);
        }
    }

    /// <summary>The newest frame not yet taken, or null; the frame stays the consumer's until its next call.</summary>
    public Frame? TryTake()
    {
        lock (_gate)
        {
            if (!_fresh)
            {
                return null;
            }

            (_front, _ready) = (_ready, _front);
            _fresh = false;
            return _front;
        }
    }

    /// <summary>Frees the three frames.</summary>
    public void Dispose()
    {
        _back.Dispose();
        _ready.Dispose();
        _front.Dispose();
    }
}
