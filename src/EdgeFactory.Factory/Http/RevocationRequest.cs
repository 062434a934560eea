namespace EdgeFactory.Factory.Http;

/// <summary>Body of <c>POST /v1/revocations</c>.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Version">Revoked version.</param>
/// <param name="Reason">Why, for people and the audit trail.</param>
public sealed record RevocationRequest(string Model, string Version, string Reason);
