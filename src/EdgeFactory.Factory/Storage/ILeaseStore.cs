namespace EdgeFactory.Factory.Storage;

/// <summary>Named leases in the factory's database: at most one holder at a time, by the clock of whoever asks.</summary>
public interface ILeaseStore : IAsyncDisposable
{
    /// <summary>Creates the table if it is missing.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews <paramref name="name"/> for <paramref name="holder"/> until <paramref name="now"/> + <paramref name="duration"/>:
    /// succeeds when it is free, lapsed, or already the holder's; null when another holds it.
    /// </summary>
    Task<LeaseRecord?> TryAcquireAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Lets the lease go at once if <paramref name="holder"/> holds it.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken);

    /// <summary>The lease as stored, held or lapsed; null when nobody ever took it.</summary>
    Task<LeaseRecord?> FindAsync(string name, CancellationToken cancellationToken);
}
