namespace EdgeFactory.Vision.Frames;

/// <summary>
/// Reads a source on its own loop and keeps only the newest frame for the consumer (<see cref="LatestFrameSlot"/>):
/// a slow consumer skips frames (counted in <see cref="Dropped"/>) instead of queueing them. A source that fails ends the
/// loop, and the consumer's next <see cref="NextAsync"/> throws the source's typed error.
/// </summary>
public sealed class FrameGrabber : IAsyncDisposable
{
    private readonly IFrameSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly LatestFrameSlot _slot = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private VisionException? _failure;
    private volatile bool _ended;

    /// <summary>A grabber for <paramref name="source"/>; <paramref name="maxFramesPerSecond"/> paces sources that do not pace themselves (0: as fast as it delivers).</summary>
    public FrameGrabber(IFrameSource source, double maxFramesPerSecond = 0, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFramesPerSecond);
        _source = source;
        _time = time ?? TimeProvider.System;
        _period = maxFramesPerSecond > 0 ? TimeSpan.FromSeconds(1 / maxFramesPerSecond) : TimeSpan.Zero;
    }

    /// <summary>Frames the source delivered.</summary>
    public long Published => _slot.Published;

    /// <summary>Frames overwritten before the consumer took them.</summary>
    public long Dropped => _slot.Dropped;

    /// <summary>Starts reading on a background loop.</summary>
    public void Start() => _loop ??= Task.Run(() => ReadAsync(_stop.Token));

    /// <summary>The newest frame not yet taken, waiting for one if needed; null when a recording has ended. The frame is the caller's until its next call.</summary>
    /// <exception cref="VisionException">The source's failure, e.g. <see cref="VisionErrorCode.CameraLost"/>.</exception>
    public async ValueTask<Frame?> NextAsync(CancellationToken cancellationToken)
    {
        Start();
        while (true)
        {
            var frame = _slot.TryTake();
            if (frame is not null)
            {
                return frame;
            }

            if (_failure is { } failure)
            {
                throw new VisionException(failure.Code, failure.Message, failure);
            }

            if (_ended)
            {
                return null;
            }

            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = _time.GetTimestamp();
                if (!_source.TryRead(_slot.Back))
                {
                    _ended = true;
                    return;
                }

                _slot.Publish();
                Signal();
                var wait = _period - _time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (VisionException e)
        {
            _failure = e;
        }
        catch (OpenCvSharp.OpenCVException e)
        {
            _failure = new VisionException(VisionErrorCode.CameraLost, $"{_source.Name}: OpenCV failed while reading a frame: {e.Message}", e);
        }
        finally
        {
            _ended = true;
            Signal();
        }
    }

    private void Signal()
    {
        // At most one pending release: the consumer re-checks the slot after every wake-up.
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    /// <summary>Stops the loop and frees the frames (the source stays the caller's).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
        _signal.Dispose();
        _slot.Dispose();
    }
}
