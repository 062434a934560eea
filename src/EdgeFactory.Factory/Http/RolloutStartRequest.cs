namespace EdgeFactory.Factory.Http;

/// <summary>Body of <c>POST /v1/rollouts</c>.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Version">Version to roll out.</param>
/// <param name="Site">Site of the group.</param>
/// <param name="Group">Device group.</param>
/// <param name="Waves">Wave sizes, e.g. <c>1,25%,100%</c>.</param>
/// <param name="BakeSeconds">How long each wave bakes before its gate.</param>
/// <param name="Slot">Model slot; the model name when absent.</param>
public sealed record RolloutStartRequest(string Model, string Version, string Site, string Group, string Waves, double BakeSeconds, string? Slot = null);
