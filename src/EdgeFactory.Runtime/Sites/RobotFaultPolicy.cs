namespace EdgeFactory.Runtime.Sites;

/// <summary>What happens to a faulted robot's queued tasks.</summary>
public enum RobotFaultPolicy
{
    /// <summary>Hand them to another robot that can do them, unless the MES pinned them to this robot; fail the rest.</summary>
    Reroute,

    /// <summary>Fail them all with <c>robot_faulted</c>.</summary>
    Fail,
}
