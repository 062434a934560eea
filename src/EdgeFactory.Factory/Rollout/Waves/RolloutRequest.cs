namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>A request to roll <paramref name="Version"/> of <paramref name="Model"/> out to a group.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Version">Version to roll out (registered and not revoked).</param>
/// <param name="Site">Site of the group.</param>
/// <param name="Group">Device group.</param>
/// <param name="Waves">Wave sizes, e.g. <c>1,25%,100%</c>.</param>
/// <param name="Bake">How long each wave bakes before its gate.</param>
/// <param name="Slot">Model slot; the model name when absent.</param>
public sealed record RolloutRequest(string Model, string Version, string Site, string Group, string Waves, TimeSpan Bake, string? Slot = null);
