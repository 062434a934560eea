namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>Where rollouts are kept, so that a factory that takes over the controller's lease carries on where the last one stopped.</summary>
public interface IRolloutLedger : IAsyncDisposable
{
    /// <summary>Every rollout, newest first.</summary>
    Task<IReadOnlyList<RolloutStatus>> ListRolloutsAsync(CancellationToken cancellationToken);

    /// <summary>One rollout, or null.</summary>
    Task<RolloutStatus?> FindRolloutAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stores a rollout's new status (insert or replace).</summary>
    Task SaveRolloutAsync(RolloutStatus status, CancellationToken cancellationToken);
}
