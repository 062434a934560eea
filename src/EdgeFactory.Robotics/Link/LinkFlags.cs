namespace EdgeFactory.Robotics.Link;

/// <summary>Header flags of a datagram.</summary>
[Flags]
public enum LinkFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The sender's e-stop is asserted; a controller treats any such datagram as an asserted <c>ESTOP</c>.</summary>
    EmergencyStop = 1,
}
