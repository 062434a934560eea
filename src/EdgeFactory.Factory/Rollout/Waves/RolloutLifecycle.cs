using Stateless;

namespace EdgeFactory.Factory.Rollout.Waves;

/// <summary>
/// The rollout's phases as a Stateless machine: a baking wave passes (to the next wave, or completes after the last),
/// fails (rolled back, waiting for a person), is promoted by a person, or is aborted. Completed and aborted are final.
/// Every change of phase goes through <see cref="TryNext"/>, so the controller cannot, say, promote an aborted rollout.
/// </summary>
public static class RolloutLifecycle
{
    /// <summary>The machine for a rollout in <paramref name="phase"/>; <paramref name="hasNextWave"/> guards passing and promoting.</summary>
    public static StateMachine<RolloutPhase, RolloutTrigger> Describe(RolloutPhase phase, bool hasNextWave)
    {
        var machine = new StateMachine<RolloutPhase, RolloutTrigger>(phase);
        machine.Configure(RolloutPhase.Baking)
            .PermitReentryIf(RolloutTrigger.GatePassed, () => hasNextWave, "another wave follows")
            .PermitIf(RolloutTrigger.GatePassed, RolloutPhase.Completed, () => !hasNextWave, "that was the last wave")
            .PermitReentryIf(RolloutTrigger.Promote, () => hasNextWave, "another wave follows")
            .PermitIf(RolloutTrigger.Promote, RolloutPhase.Completed, () => !hasNextWave, "that was the last wave")
            .Permit(RolloutTrigger.GateFailed, RolloutPhase.RolledBack)
            .Permit(RolloutTrigger.Abort, RolloutPhase.Aborted);
        machine.Configure(RolloutPhase.RolledBack)
            .Permit(RolloutTrigger.Abort, RolloutPhase.Aborted);
        return machine;
    }

    /// <summary>The phase <paramref name="trigger"/> leads to from <paramref name="status"/>; false when it is not allowed there.</summary>
    public static bool TryNext(RolloutStatus status, RolloutTrigger trigger, out RolloutPhase next)
    {
        ArgumentNullException.ThrowIfNull(status);
        var machine = Describe(status.Phase, status.HasNextWave);
        if (!machine.CanFire(trigger))
        {
            next = status.Phase;
            return false;
        }

        machine.Fire(trigger);
        next = machine.State;
        return true;
    }
}
