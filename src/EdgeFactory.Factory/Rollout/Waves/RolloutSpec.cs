namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>What a rollout was asked to do: a model version to a group of a site's devices, in waves, each baking before its gate.</summary>
/// <param name="Id">Rollout id.</param>
/// <param name="Model">Model name.</param>
/// <param name="Version">The version rolled out.</param>
/// <param name="PreviousVersion">The version the group runs now: the baseline, and what a failed wave goes back to.</param>
/// <param name="Site">Site of the group.</param>
/// <param name="Group">Device group.</param>
/// <param name="Slot">Model slot on the devices.</param>
/// <param name="Waves">Cumulative wave sizes; the last is 100%.</param>
/// <param name="Bake">How long a wave runs before its gate is judged.</param>
/// <param name="StartedBy">Who started it.</param>
/// <param name="StartedAt">When.</param>
public sealed record RolloutSpec(
    string Id,
    string Model,
    string Version,
    string PreviousVersion,
    string Site,
    string Group,
    string Slot,
    IReadOnlyList<WaveSize> Waves,
    TimeSpan Bake,
    string StartedBy,
    DateTimeOffset StartedAt);
