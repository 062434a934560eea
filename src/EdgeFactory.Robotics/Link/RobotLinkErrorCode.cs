namespace EdgeFactory.Robotics.Link;

/// <summary>Stable codes of robot link failures.</summary>
public enum RobotLinkErrorCode
{
    /// <summary>No <c>CAPABILITIES</c> came within the handshake timeout.</summary>
    HandshakeTimeout = 1,

    /// <summary>A command was sent before the handshake finished.</summary>
    NotConnected = 2,

    /// <summary>A command's joint count differs from the controller's.</summary>
    JointCountMismatch = 3,

    /// <summary>The socket could not be opened or bound.</summary>
    SocketFailure = 4,
}
