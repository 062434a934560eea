namespace EdgeFactory.Runtime.TaskTypes;

/// <summary>What happens to a task that was running when the edge process or the robot's agent died.</summary>
public enum RecoveryPolicy
{
    /// <summary>Run it again from the step it was in (the step's skill must be safe to repeat).</summary>
    Resume,

    /// <summary>Fail it with <c>interrupted_by_restart</c> and let the MES decide.</summary>
    Fail,
}
