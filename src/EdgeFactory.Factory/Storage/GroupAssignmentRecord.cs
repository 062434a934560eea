namespace EdgeFactory.Factory.Storage;

/// <summary>Which model version every device of one group should run in one slot; a device that joins the group later gets it too.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Group">Group name, unique within the site.</param>
/// <param name="Slot">Model slot on the devices.</param>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="RollbackAllowed">Whether this assignment is a signed order to go back to an older version.</param>
public sealed record GroupAssignmentRecord(string Site, string Group, string Slot, string Name, string Version, bool RollbackAllowed)
{
    /// <summary>The same assignment for one member of the group.</summary>
    public AssignmentRecord For(string device) => new(Site, device, Slot, Name, Version, RollbackAllowed);
}
