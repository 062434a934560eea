namespace EdgeFactory.Robotics.Link;

/// <summary>Fault codes a controller reports (PROTOCOL.md, "Fault codes").</summary>
public enum FaultCode : ushort
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>The watchdog braked the robot.</summary>
    Watchdog = 1,

    /// <summary>A target beyond the controller's limits was clamped (warning).</summary>
    Limit = 2,

    /// <summary>E-stop.</summary>
    EmergencyStop = 3,

    /// <summary>More than 10 rejected datagrams in one second (warning).</summary>
    RejectedDatagrams = 4,

    /// <summary>The plant reported a problem (warning).</summary>
    Plant = 5,
}
