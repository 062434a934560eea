namespace EdgeFactory.Robotics.Link;

/// <summary>Which side receives which message type.</summary>
public static class LinkMessageTypes
{
    /// <summary>Whether the edge accepts this type (the rest are <see cref="LinkRejection.Type"/>).</summary>
    public static bool ReceivedByEdge(LinkMessageType type) => type is LinkMessageType.Capabilities
        or LinkMessageType.JointState or LinkMessageType.Fault or LinkMessageType.Heartbeat;

    /// <summary>Whether a controller accepts this type.</summary>
    public static bool ReceivedByController(LinkMessageType type) => type is LinkMessageType.Hello
        or LinkMessageType.JointCommand or LinkMessageType.IoSet or LinkMessageType.FaultReset
        or LinkMessageType.Heartbeat or LinkMessageType.Estop;
}
