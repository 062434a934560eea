namespace EdgeFactory.Contracts.Devices;

/// <summary>The fleet-wide revocation list, retained on <c>ef/v1/fleet/revocations</c>.</summary>
/// <param name="Revision">Monotonic revision of the list.</param>
/// <param name="Revoked">Every revoked version.</param>
/// <param name="Signature">Factory signature over the list without this field.</param>
public sealed record RevocationListMessage(long Revision, IReadOnlyList<ModelRevocation> Revoked, DetachedSignature Signature);
