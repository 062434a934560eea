namespace EdgeFactory.Factory.Fleet;

/// <summary>The whole fleet at one revision of the factory's view, ordered by site and device.</summary>
/// <param name="Revision">Grows by one with every change the view takes in.</param>
/// <param name="At">When the snapshot was taken.</param>
/// <param name="Devices">Every device heard of.</param>
/// <param name="Refused">Presence and reported-state messages refused as malformed since the factory started.</param>
public sealed record FleetSnapshot(long Revision, DateTimeOffset At, IReadOnlyList<FleetDevice> Devices, long Refused);
