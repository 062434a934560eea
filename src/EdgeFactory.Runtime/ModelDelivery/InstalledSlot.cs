namespace EdgeFactory.Runtime.ModelDelivery;

/// <summary>What one model slot runs, and the verified versions it can fall back to (newest first).</summary>
/// <param name="Slot">Model slot.</param>
/// <param name="Current">Package digest running now.</param>
/// <param name="Previous">Digests of earlier verified packages of the slot, newest first.</param>
public sealed record InstalledSlot(string Slot, string Current, IReadOnlyList<string> Previous);
