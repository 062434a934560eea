namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>A package in <c>installed/</c>, checked again from disk.</summary>
/// <param name="Digest">SHA-256 of its canonical passport (its folder name).</param>
/// <param name="ModelId">Model id from its passport; empty when the passport is unreadable.</param>
/// <param name="Version">Version from its passport.</param>
/// <param name="Slot">Slot whose table names it; null when none does.</param>
/// <param name="Current">Whether the slot table makes it the slot's current package.</param>
/// <param name="Verdict">Null when it may run; otherwise the verifier's code.</param>
public sealed record InstalledPackage(string Digest, string ModelId, string Version, string? Slot, bool Current, string? Verdict);
