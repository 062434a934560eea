using EdgeFactory.Factory.Storage;
using EdgeFactory.Models.Packages;

namespace EdgeFactory.Factory.Registry;

/// <summary>Decisions about groups of devices: who is in a group, and what the whole group runs.</summary>
public sealed partial class ModelRegistry
{
    /// <summary>
    /// Assigns a registered, unrevoked version to a slot of every device in a group, and to devices that join it later;
    /// publishes each member's new signed desired state.
    /// </summary>
    public async Task<RegistryOutcome> AssignGroupAsync(GroupAssignmentRecord assignment, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var subject = $"{assignment.Name} {assignment.Version} -> {assignment.Site}/group:{assignment.Group}/{assignment.Slot}";
        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await RefuseAssignmentAsync(assignment.Site, assignment.Group, "group", assignment.Slot, assignment.Name, assignment.Version, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return await RecordAsync(actor, "assignment.refused", subject, refusal, cancellationToken).ConfigureAwait(false);
            }

            var members = await _store.SetGroupAssignmentAsync(assignment, cancellationToken).ConfigureAwait(false);
            var assignments = await _store.ListGroupMemberAssignmentsAsync(assignment.Site, assignment.Group, cancellationToken).ConfigureAwait(false);
            var revisions = Range(await PublishDesiredAsync(
                assignment.Site,
                [.. assignments.GroupBy(a => a.Device, StringComparer.Ordinal).Select(g => (g.Key, (IReadOnlyList<AssignmentRecord>)[.. g]))],
                cancellationToken).ConfigureAwait(false));
            var message = members.Count == 0
                ? $"{subject}: the group has no devices yet; each device that joins gets it."
                : $"{subject}: {members.Count} devices (desired revisions {revisions}).";
            return await RecordAsync(actor, "assignment.set", subject, RegistryOutcome.Ok(message), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>Adds devices to a group; each new member gets the group's assignments (but no revoked version) and a new signed desired state.</summary>
    public async Task<RegistryOutcome> AddGroupMembersAsync(string site, string group, IReadOnlyList<string> devices, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var subject = $"{site}/group:{group}";
        if ((FleetNames.Problem("site", site) ?? FleetNames.Problem("group", group) ?? (devices.Count == 0 ? "No device given." : null)
            ?? devices.Select(d => FleetNames.Problem("device", d)).FirstOrDefault(p => p is not null)) is { } problem)
        {
            return await RecordAsync(actor, "group.refused", subject, new RegistryOutcome(RegistryOutcome.InvalidRequest, problem), cancellationToken).ConfigureAwait(false);
        }

        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var added = await _store.AddGroupMembersAsync(site, group, devices, cancellationToken).ConfigureAwait(false);
            var revoked = new RevokedVersions(await _store.ListRevocationsAsync(cancellationToken).ConfigureAwait(false));
            var inherited = (await _store.ListGroupAssignmentsAsync(site, group, cancellationToken).ConfigureAwait(false))
                .Where(a => revoked.Find(a.Name, a.Version) is null)
                .ToList();
            if (inherited.Count > 0)
            {
                foreach (var device in added)
                {
                    foreach (var assignment in inherited)
                    {
                        await _store.SetAssignmentAsync(assignment.For(device), cancellationToken).ConfigureAwait(false);
                    }
                }

                var desired = new List<(string, IReadOnlyList<AssignmentRecord>)>(added.Count);
                foreach (var device in added)
                {
                    desired.Add((device, await _store.ListAssignmentsAsync(site, device, cancellationToken).ConfigureAwait(false)));
                }

                await PublishDesiredAsync(site, desired, cancellationToken).ConfigureAwait(false);
            }

            var what = inherited.Count == 0 ? string.Empty : $"; they run {string.Join(", ", inherited.Select(a => $"{a.Name} {a.Version} in {a.Slot}"))}";
            return await RecordAsync(actor, "group.joined", subject,
                RegistryOutcome.Ok($"{added.Count} of {devices.Count} devices joined {subject}{what}: {string.Join(' ', added)}"), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>Removes a device from a group; what it runs stays until it is assigned something else.</summary>
    public async Task<RegistryOutcome> RemoveGroupMemberAsync(string site, string group, string device, string actor, CancellationToken cancellationToken)
    {
        var subject = $"{site}/group:{group}";
        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _store.RemoveGroupMemberAsync(site, group, device, cancellationToken).ConfigureAwait(false)
                ? await RecordAsync(actor, "group.left", subject, RegistryOutcome.Ok($"{device} left {subject}; it keeps what it runs."), cancellationToken).ConfigureAwait(false)
                : await RecordAsync(actor, "group.refused", subject, new RegistryOutcome(RegistryOutcome.NotFound, $"{device} is not in {subject}."), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _decisions.Release();
        }
    }

    private static string Range(IReadOnlyList<long> revisions) =>
        revisions.Count == 0 ? "none" : revisions[0] == revisions[^1] ? $"{revisions[0]}" : $"{revisions[0]}..{revisions[^1]}";
}
