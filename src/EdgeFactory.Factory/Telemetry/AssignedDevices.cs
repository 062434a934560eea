using System.Collections.Concurrent;
using EdgeFactory.Factory.Storage;

namespace EdgeFactory.Factory.Telemetry;

/// <summary>
/// The factory knows a device once it has assigned it a model (it has a desired state): the registry's assignments
/// are the one list of devices the factory manages. <see cref="LoadAsync"/> reads them all in one query when the
/// instance starts, so windows of devices assigned before then cost no query at all. A device once known stays known
/// to this instance (assignments are replaced, never removed); an unknown one is looked up again each time, so it is
/// taken as soon as it is assigned.
/// </summary>
public sealed class AssignedDevices(IRegistryStore registry) : IDeviceDirectory
{
    private readonly ConcurrentDictionary<(string Site, string Device), bool> _known = new();

    /// <summary>Reads every assigned device at once; returns how many this instance knows.</summary>
    public async Task<int> LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var device in await registry.ListAssignedDevicesAsync(cancellationToken).ConfigureAwait(false))
        {
            _known.TryAdd(device, true);
        }

        return _known.Count;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> KnowsAsync(string site, string device, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey((site, device)))
        {
            return true;
        }

        var assignments = await registry.ListAssignmentsAsync(site, device, cancellationToken).ConfigureAwait(false);
        if (assignments.Count == 0)
        {
            return false;
        }

        _known.TryAdd((site, device), true);
        return true;
    }
}
