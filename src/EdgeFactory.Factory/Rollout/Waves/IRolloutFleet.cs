using EdgeFactory.Factory.Registry;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>What a rollout acts on: a group's devices, their assignments, and the factory's record of decisions.</summary>
public interface IRolloutFleet
{
    /// <summary>The devices of <paramref name="group"/> at <paramref name="site"/>.</summary>
    Task<IReadOnlyList<string>> DevicesAsync(string site, string group, CancellationToken cancellationToken);

    /// <summary>The version <paramref name="device"/> is assigned in <paramref name="slot"/>, or null.</summary>
    Task<string?> AssignedVersionAsync(string site, string device, string slot, CancellationToken cancellationToken);

    /// <summary>Assigns <paramref name="version"/> to <paramref name="device"/>'s slot (publishing its signed desired state).</summary>
    Task<RegistryOutcome> AssignAsync(string site, string device, string slot, string model, string version, bool rollback, string actor, CancellationToken cancellationToken);

    /// <summary>Records a decision in the factory's audit trail.</summary>
    Task RecordAsync(string actor, string action, string subject, string detail, CancellationToken cancellationToken);
}
