namespace EdgeFactory.Factory.Http;

/// <summary>One package in <c>GET /v1/packages</c>.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="Digest">SHA-256 of the canonical passport.</param>
/// <param name="At">When it was registered.</param>
public sealed record PackageSummary(string Name, string Version, string Digest, DateTimeOffset At);
