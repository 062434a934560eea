using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Robotics.Control;

/// <summary>
/// Asks a chunk source for a new chunk at a fixed rate (e.g. 10 Hz) on its own thread, from the loop's latest
/// observation and the task's target, and publishes it to the loop. A move that sets a new target asks at once
/// (<see cref="PumpOnceAsync"/>) rather than waiting up to one interval for the next tick.
/// </summary>
public sealed class ActionChunkPump
{
    private readonly IActionChunkSource _source;
    private readonly ControlLoop _loop;
    private readonly ActionChunkBuffer _chunks;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _robot;
    private readonly ControlObservation _observation;
    private readonly float[] _target;
    private readonly Lock _targetGate = new();
    private int _asking;
    private bool _hasTarget;
    private long _failures;

    /// <summary>Creates the pump; it asks <paramref name="source"/> every <paramref name="interval"/> once <see cref="RunAsync"/> runs.</summary>
    public ActionChunkPump(string robot, IActionChunkSource source, ControlLoop loop, ActionChunkBuffer chunks, TimeSpan interval, TimeProvider? timeProvider = null, ILogger<ActionChunkPump>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _robot = robot;
        _source = source;
        _loop = loop;
        _chunks = chunks;
        _interval = interval;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _observation = new ControlObservation(chunks.Joints);
        _target = new float[chunks.Joints];
    }

    /// <summary>Times the source failed (threw); the loop kept its chunk.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Sets the target the source steers to; the pump asks nothing until one is set.</summary>
    public void SetTarget(ReadOnlySpan<float> target)
    {
        if (target.Length != _target.Length)
        {
            throw new ArgumentException($"Robot {_robot}: {target.Length} target values for {_target.Length} joints.", nameof(target));
        }

        lock (_targetGate)
        {
            target.CopyTo(_target);
            _hasTarget = true;
        }
    }

    /// <summary>Clears the target: no new chunks (the loop finishes the one it has).</summary>
    public void ClearTarget()
    {
        lock (_targetGate)
        {
            _hasTarget = false;
        }
    }

    /// <summary>
    /// Asks for one chunk now; true when one was published. False without asking while another ask is under way: both
    /// would fill the buffer's back chunk, and the one under way reads the target when it starts or the next tick does.
    /// </summary>
    public async ValueTask<bool> PumpOnceAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _asking, 1) == 1)
        {
            return false;
        }

        try
        {
            return await AskAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _asking, 0);
        }
    }

    private async ValueTask<bool> AskAsync(CancellationToken cancellationToken)
    {
        lock (_targetGate)
        {
            if (!_hasTarget)
            {
                return false;
            }

            _target.CopyTo(_observation.Target);
        }

        if (!_loop.TryObserve(_observation))
        {
            return false;
        }

        try
        {
            if (!await _source.FillAsync(_observation, _chunks.Back, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failures);
            ControlLoopLog.SourceFailed(_logger, _robot, e);
            return false;
        }

        var chunk = _chunks.Back;
        if (chunk.Steps < 1 || chunk.Steps > chunk.Horizon || chunk.StepPeriod <= TimeSpan.Zero)
        {
            // A chunk the loop cannot execute is the source's failure, not the loop's.
            Interlocked.Increment(ref _failures);
            return false;
        }

        _chunks.Publish();
        return true;
    }

    /// <summary>Pumps every interval until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                await PumpOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
