using EdgeFactory.Robotics.Link;

namespace EdgeFactory.Robotics.Tests;

/// <summary>A datagram the controller peer received.</summary>
internal sealed record ReceivedDatagram(LinkMessageType Type, LinkFlags Flags, uint Sequence, JointTarget[]? Targets, bool? Estop);
