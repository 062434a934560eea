using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>A rollout's fleet as the registry keeps it: group members, per-device assignments (signed and published), and the decision record.</summary>
public sealed class RegistryRolloutFleet(ModelRegistry registry, TimeProvider time) : IRolloutFleet
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> DevicesAsync(string site, string group, CancellationToken cancellationToken) =>
        registry.Store.ListGroupMembersAsync(site, group, cancellationToken);

    /// <inheritdoc/>
    public async Task<string?> AssignedVersionAsync(string site, string device, string slot, CancellationToken cancellationToken) =>
        (await registry.Store.ListAssignmentsAsync(site, device, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Slot == slot)?.Version;

    /// <inheritdoc/>
    public Task<RegistryOutcome> AssignAsync(string site, string device, string slot, string model, string version, bool rollback, string actor, CancellationToken cancellationToken) =>
        registry.AssignAsync(new AssignmentRecord(site, device, slot, model, version, rollback), actor, cancellationToken);

    /// <inheritdoc/>
    public Task RecordAsync(string actor, string action, string subject, string detail, CancellationToken cancellationToken) =>
        registry.Store.RecordAsync(new DecisionRecord(0, time.GetUtcNow(), actor, action, subject, detail), cancellationToken);
}
