namespace EdgeFactory.Contracts.Devices;

/// <summary>One model version a device should run in one slot.</summary>
/// <param name="Slot">Consumer slot, e.g. <c>vision.detector</c>.</param>
/// <param name="ModelId">Model id in the registry.</param>
/// <param name="Version">Model version.</param>
/// <param name="Sha256">SHA-256 of the package's canonical passport, lower-case hex; the passport pins every file by its own hash, so this pins the package.</param>
/// <param name="Uri">Base URL of the package in the registry (its passport, signature and files are under it).</param>
/// <param name="Rollback">A signed order to go back to a version older than the installed one.</param>
public sealed record ModelAssignment(string Slot, string ModelId, string Version, string Sha256, string Uri, bool? Rollback = null);
