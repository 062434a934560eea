namespace EdgeFactory.Robotics.Control;

/// <summary>Something that plans motion in chunks: a policy model, or a plain planner.</summary>
public interface IActionChunkSource
{
    /// <summary>Fills <paramref name="chunk"/> (steps, step period, model version) from <paramref name="observation"/>; false when it has nothing to do.</summary>
    ValueTask<bool> FillAsync(ControlObservation observation, ActionChunk chunk, CancellationToken cancellationToken);
}
