using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Http;

/// <summary>Answer of <c>GET /v1/groups/{site}/{group}</c>: its members and what they run.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Group">Group name.</param>
/// <param name="Devices">Members, by device id.</param>
/// <param name="Assignments">The group's assignments, by slot.</param>
public sealed record GroupSummary(string Site, string Group, IReadOnlyList<string> Devices, IReadOnlyList<GroupAssignmentRecord> Assignments);
