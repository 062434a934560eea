using EdgeFactory.Contracts.Devices;

namespace EdgeFactory.Factory.Fleet;

/// <summary>One edge device as the factory last heard of it: presence from <c>.../online</c>, models from <c>.../reported</c>.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Device">Device id.</param>
/// <param name="Presence"><c>online</c>, <c>degraded</c>, <c>offline</c>, or <c>unknown</c> before its first presence message.</param>
/// <param name="Reason">Why it is degraded, for people.</param>
/// <param name="SoftwareVersion">EdgeFactory version it runs.</param>
/// <param name="Models">Model versions it reports running.</param>
/// <param name="Healthy">Whether its last report was healthy.</param>
/// <param name="Problems">Refusals and faults of its last report.</param>
/// <param name="AppliedRevision">Last desired revision it applied in full.</param>
/// <param name="ReportedAt">When it last reported its models.</param>
public sealed record FleetDevice(
    string Site,
    string Device,
    string Presence,
    string? Reason,
    string? SoftwareVersion,
    IReadOnlyList<RunningModel> Models,
    bool Healthy,
    IReadOnlyList<string> Problems,
    long AppliedRevision,
    DateTimeOffset? ReportedAt);
