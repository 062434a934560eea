namespace EdgeFactory.Contracts.Devices;

/// <summary>One model version a device should run in one slot.</summary>
/// <param name="Slot">Consumer slot, e.g. <c>vision.detector</c>.</param>
/// <param name="ModelId">Model id in the registry.</param>
/// <param name="Version">Model version.</param>
/// <param name="Sha256">SHA-256 of the artifact, lower-case hex.</param>
/// <param name="Uri">Where the device downloads the artifact from.</param>
public sealed record ModelAssignment(string Slot, string ModelId, string Version, string Sha256, string Uri);
