namespace EdgeFactory.Robotics.Control;

/// <summary>
/// A planner without a model: each chunk starts where the robot was observed and moves every joint straight toward the
/// target at <see cref="Speed"/> (a belt's speed, or a test's planner). Nothing to do once every joint is at the target
/// and still; a joint that still moves there is brought to rest.
/// </summary>
public sealed class StraightLineChunkSource : IActionChunkSource
{
    private readonly TimeSpan _stepPeriod;
    private readonly float _tolerance;
    private float _speed;

    /// <summary>Moves at <paramref name="speed"/> per second, one step per <paramref name="stepPeriod"/>; done within <paramref name="tolerance"/>.</summary>
    public StraightLineChunkSource(float speed, TimeSpan stepPeriod, float tolerance = 1e-3f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stepPeriod, TimeSpan.Zero);
        Speed = speed;
        _stepPeriod = stepPeriod;
        _tolerance = tolerance;
    }

    /// <summary>Speed per second for the chunks from now on (set from another thread than the pump's).</summary>
    public float Speed
    {
        get => Volatile.Read(ref _speed);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref _speed, value);
        }
    }

    /// <summary>Model version this source reports.</summary>
    public string ModelVersion { get; init; } = "straight-line";

    /// <inheritdoc/>
    public ValueTask<bool> FillAsync(ControlObservation observation, ActionChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(chunk);
        var positions = observation.Positions;
        var target = observation.Target;
        var busy = false;
        for (var j = 0; j < observation.Joints; j++)
        {
            busy |= MathF.Abs(target[j] - positions[j]) > _tolerance || MathF.Abs(observation.Velocities[j]) > _tolerance;
        }

        if (!busy)
        {
            return ValueTask.FromResult(false);
        }

        // Step 0 is where the robot was at the observation; each later step moves one stride on, up to the target.
        var stride = Speed * (float)_stepPeriod.TotalSeconds;
        for (var k = 0; k < chunk.Horizon; k++)
        {
            var step = chunk.Step(k);
            for (var j = 0; j < observation.Joints; j++)
            {
                var distance = target[j] - positions[j];
                step[j] = positions[j] + MathF.CopySign(MathF.Min(MathF.Abs(distance), stride * k), distance);
            }
        }

        chunk.Steps = chunk.Horizon;
        chunk.StepPeriod = _stepPeriod;
        chunk.ModelVersion = ModelVersion;
        chunk.ObservedAt = observation.StateAt;
        return ValueTask.FromResult(true);
    }
}
