namespace EdgeFactory.Factory.Storage;

/// <summary>Which model version one device should run in one slot.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Device">Device id.</param>
/// <param name="Slot">Model slot on the device.</param>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="RollbackAllowed">Whether this assignment is a signed order to go back to an older version.</param>
public sealed record AssignmentRecord(string Site, string Device, string Slot, string Name, string Version, bool RollbackAllowed);
