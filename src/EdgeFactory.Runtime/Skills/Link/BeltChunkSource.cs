using EdgeFactory.Robotics.Control;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>Plans a belt's motion without a model: straight toward the target position at the speed the current move set.</summary>
internal sealed class BeltChunkSource : IActionChunkSource
{
    private static readonly TimeSpan StepPeriod = TimeSpan.FromMilliseconds(20);
    private float _speed;

    /// <summary>Belt speed, m/s, for the chunks from now on.</summary>
    public float Speed
    {
        get => Volatile.Read(ref _speed);
        set => Volatile.Write(ref _speed, value);
    }

    public ValueTask<bool> FillAsync(ControlObservation observation, ActionChunk chunk, CancellationToken cancellationToken)
    {
        var speed = Speed;
        if (speed <= 0)
        {
            return ValueTask.FromResult(false);
        }

        // Step 0 is where the belt is at the observation; each later step moves it one stride on, up to the target.
        var stride = speed * (float)StepPeriod.TotalSeconds;
        for (var k = 0; k < chunk.Horizon; k++)
        {
            var step = chunk.Step(k);
            for (var j = 0; j < observation.Joints; j++)
            {
                var distance = observation.Target[j] - observation.Positions[j];
                step[j] = observation.Positions[j] + MathF.CopySign(MathF.Min(MathF.Abs(distance), stride * k), distance);
            }
        }

        chunk.Steps = chunk.Horizon;
        chunk.ObservedAt = observation.StateAt;
        chunk.StepPeriod = StepPeriod;
        chunk.ModelVersion = "belt";
        return ValueTask.FromResult(true);
    }
}
