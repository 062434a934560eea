using EdgeFactory.Factory.Rollout.Gates;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>Telemetry summed for a gate: what a model version did on some devices over a time span.</summary>
public interface IRolloutSamples
{
    /// <summary>
    /// The windows of <paramref name="devices"/> at <paramref name="site"/> running <paramref name="model"/>
    /// <paramref name="version"/> between <paramref name="from"/> and <paramref name="to"/>, summed per robot and task
    /// type (the key), so that a wave is compared only on the robots and task types its baseline also has.
    /// </summary>
    Task<IReadOnlyDictionary<string, RolloutSample>> SampleAsync(string site, IReadOnlyList<string> devices, string model, string version,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
