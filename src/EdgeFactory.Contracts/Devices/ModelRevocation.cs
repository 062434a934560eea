namespace EdgeFactory.Contracts.Devices;

/// <summary>A model version nobody may run any more.</summary>
/// <param name="ModelId">Model id.</param>
/// <param name="Version">Revoked version.</param>
/// <param name="Reason">Why it was revoked.</param>
/// <param name="At">When it was revoked.</param>
public sealed record ModelRevocation(string ModelId, string Version, string Reason, DateTimeOffset At);
