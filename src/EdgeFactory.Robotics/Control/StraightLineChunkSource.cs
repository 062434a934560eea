namespace EdgeFactory.Robotics.Control;

/// <summary>A planner without a model: each chunk moves every joint straight toward the target at a fixed speed.</summary>
public sealed class StraightLineChunkSource : IActionChunkSource
{
    private readonly float _speed;
    private readonly TimeSpan _stepPeriod;
    private readonly float _tolerance;

    /// <summary>Moves at <paramref name="speed"/> per second, one step per <paramref name="stepPeriod"/>; done within <paramref name="tolerance"/>.</summary>
    public StraightLineChunkSource(float speed, TimeSpan stepPeriod, float tolerance = 1e-3f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stepPeriod, TimeSpan.Zero);
        _speed = speed;
        _stepPeriod = stepPeriod;
        _tolerance = tolerance;
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
        var far = false;
        for (var j = 0; j < observation.Joints; j++)
        {
            far |= MathF.Abs(target[j] - positions[j]) > _tolerance;
        }

        if (!far)
        {
            return ValueTask.FromResult(false);
        }

        var stride = _speed * (float)_stepPeriod.TotalSeconds;
        for (var k = 0; k < chunk.Horizon; k++)
        {
            var step = chunk.Step(k);
            for (var j = 0; j < observation.Joints; j++)
            {
                var distance = target[j] - positions[j];
                step[j] = positions[j] + MathF.CopySign(MathF.Min(MathF.Abs(distance), stride * (k + 1)), distance);
            }
        }

        chunk.Steps = chunk.Horizon;
        chunk.StepPeriod = _stepPeriod;
        chunk.ModelVersion = ModelVersion;
        return ValueTask.FromResult(true);
    }
}
