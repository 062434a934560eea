using EdgeFactory.Contracts.Devices;

namespace EdgeFactory.Factory.Storage;

/// <summary>Where the factory keeps packages, assignments, revocations and decisions (SQLite or PostgreSQL).</summary>
public interface IRegistryStore : IAsyncDisposable
{
    /// <summary>Creates the tables if they are missing.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds a package; false when the same name and version is already registered (it is never replaced).</summary>
    Task<bool> AddPackageAsync(PackageRecord package, CancellationToken cancellationToken);

    /// <summary>The package of <paramref name="name"/> <paramref name="version"/>, if registered.</summary>
    Task<PackageRecord?> FindPackageAsync(string name, string version, CancellationToken cancellationToken);

    /// <summary>Every package, by name then acceptance.</summary>
    Task<IReadOnlyList<PackageRecord>> ListPackagesAsync(CancellationToken cancellationToken);

    /// <summary>Sets what a device runs in a slot (replacing the slot's previous assignment).</summary>
    Task SetAssignmentAsync(AssignmentRecord assignment, CancellationToken cancellationToken);

    /// <summary>The assignments of one device.</summary>
    Task<IReadOnlyList<AssignmentRecord>> ListAssignmentsAsync(string site, string device, CancellationToken cancellationToken);

    /// <summary>Every device with at least one assignment, by site then device.</summary>
    Task<IReadOnlyList<(string Site, string Device)>> ListAssignedDevicesAsync(CancellationToken cancellationToken);

    /// <summary>Adds devices to a site's group (created by its first member); returns the devices that were not members yet, in the order given.</summary>
    Task<IReadOnlyList<string>> AddGroupMembersAsync(string site, string group, IReadOnlyList<string> devices, CancellationToken cancellationToken);

    /// <summary>Removes a device from a group; false when it was not a member. Its device assignments stay as they are.</summary>
    Task<bool> RemoveGroupMemberAsync(string site, string group, string device, CancellationToken cancellationToken);

    /// <summary>The members of a group, by device id.</summary>
    Task<IReadOnlyList<string>> ListGroupMembersAsync(string site, string group, CancellationToken cancellationToken);

    /// <summary>
    /// Sets what a group runs in a slot and, in the same transaction, the slot's assignment of every current member;
    /// returns the members it was set for.
    /// </summary>
    Task<IReadOnlyList<string>> SetGroupAssignmentAsync(GroupAssignmentRecord assignment, CancellationToken cancellationToken);

    /// <summary>The assignments of one group, by slot.</summary>
    Task<IReadOnlyList<GroupAssignmentRecord>> ListGroupAssignmentsAsync(string site, string group, CancellationToken cancellationToken);

    /// <summary>Adds a revocation; false when that version was already revoked.</summary>
    Task<bool> AddRevocationAsync(ModelRevocation revocation, CancellationToken cancellationToken);

    /// <summary>Every revocation, oldest first.</summary>
    Task<IReadOnlyList<ModelRevocation>> ListRevocationsAsync(CancellationToken cancellationToken);

    /// <summary>The next value of the one monotonic revision counter that desired states and revocation lists are numbered from.</summary>
    Task<long> NextRevisionAsync(CancellationToken cancellationToken);

    /// <summary><paramref name="count"/> values of the revision counter, increasing, in one transaction (one write to disk for a whole group).</summary>
    Task<IReadOnlyList<long>> NextRevisionsAsync(int count, CancellationToken cancellationToken);

    /// <summary>The assignments of every member of a group, by device then slot.</summary>
    Task<IReadOnlyList<AssignmentRecord>> ListGroupMemberAssignmentsAsync(string site, string group, CancellationToken cancellationToken);

    /// <summary>Records a decision and returns its sequence.</summary>
    Task<long> RecordAsync(DecisionRecord decision, CancellationToken cancellationToken);

    /// <summary>Decisions, oldest first, after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(long afterSequence, CancellationToken cancellationToken);
}
