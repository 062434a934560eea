namespace EdgeFactory.Contracts.Devices;

/// <summary>A signature over a document's canonical bytes.</summary>
/// <param name="KeyId">Which trusted key signed.</param>
/// <param name="Algorithm">Signature algorithm, e.g. <c>ecdsa-p256-sha256</c>.</param>
/// <param name="Value">Base64 signature.</param>
public sealed record DetachedSignature(string KeyId, string Algorithm, string Value);
