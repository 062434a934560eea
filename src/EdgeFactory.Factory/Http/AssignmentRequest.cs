namespace EdgeFactory.Factory.Http;

/// <summary>Body of <c>POST /v1/assignments</c>: one device, or every device of a group (exactly one of the two).</summary>
/// <param name="Site">Site id.</param>
/// <param name="Device">Device id, or null when <paramref name="Group"/> is given.</param>
/// <param name="Model">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="Slot">Model slot on the device; the model name when absent.</param>
/// <param name="Rollback">Whether this is an order to go back to an older version.</param>
/// <param name="Group">Group of the site, or null when <paramref name="Device"/> is given.</param>
public sealed record AssignmentRequest(string Site, string? Device, string Model, string Version, string? Slot = null, bool Rollback = false, string? Group = null);
