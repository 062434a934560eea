using System.Collections.Concurrent;
using EdgeFactory.Factory.Registry;
using EdgeFactory.Factory.Rollout.Gates;
using EdgeFactory.Factory.Rollout.Waves;

namespace EdgeFactory.Factory.Tests.Rollout.Waves;

/// <summary>
/// The rollout controller's surroundings kept in memory, so that its decisions can be driven wave by wave:
/// a group of devices with their assignments, a ledger, a decision list, and telemetry that each version produces.
/// </summary>
internal sealed class TestRolloutFleet : IRolloutFleet, IRolloutLedger, IRolloutSamples
{
    private readonly ConcurrentDictionary<string, RolloutStatus> _rollouts = new();

    public TestRolloutFleet(int devices, string version)
    {
        Devices = [.. Enumerable.Range(1, devices).Select(i => $"jetson-{i:00}")];
        foreach (var device in Devices)
        {
            Assigned[device] = version;
        }
    }

    public List<string> Devices { get; }

    public Dictionary<string, string> Assigned { get; } = new(StringComparer.Ordinal);

    public List<(string Device, string Version, bool Rollback)> Assignments { get; } = [];

    public List<(string Actor, string Action, string Detail)> Decisions { get; } = [];

    /// <summary>What one device's robot does per baked span on each version.</summary>
    public Dictionary<string, RolloutSample> PerVersion { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Revoked { get; } = [];

    public Task<IReadOnlyList<string>> DevicesAsync(string site, string group, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(group == "line" ? Devices : []);

    public Task<string?> AssignedVersionAsync(string site, string device, string slot, CancellationToken cancellationToken) =>
        Task.FromResult(Assigned.TryGetValue(device, out var v) ? v : null);

    public Task<RegistryOutcome> AssignAsync(string site, string device, string slot, string model, string version, bool rollback, string actor, CancellationToken cancellationToken)
    {
        if (Revoked.Contains(version))
        {
            return Task.FromResult(new RegistryOutcome("revoked", $"{model} {version} is revoked"));
        }

        Assigned[device] = version;
        Assignments.Add((device, version, rollback));
        return Task.FromResult(new RegistryOutcome(null, "assigned"));
    }

    public Task RecordAsync(string actor, string action, string subject, string detail, CancellationToken cancellationToken)
    {
        Decisions.Add((actor, action, detail));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RolloutStatus>> ListRolloutsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RolloutStatus>>([.. _rollouts.Values.OrderByDescending(r => r.Spec.StartedAt)]);

    public Task<RolloutStatus?> FindRolloutAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_rollouts.TryGetValue(id, out var r) ? r : null);

    public Task SaveRolloutAsync(RolloutStatus status, CancellationToken cancellationToken)
    {
        _rollouts[status.Spec.Id] = status;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<IReadOnlyDictionary<string, RolloutSample>> SampleAsync(string site, IReadOnlyList<string> devices, string model, string version,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, RolloutSample>>(PerVersion.TryGetValue(version, out var sample)
            ? devices.ToDictionary(d => $"{d}/arm-1", _ => sample)
            : new Dictionary<string, RolloutSample>());
}
