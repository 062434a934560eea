namespace EdgeFactory.Robotics.Link;

/// <summary>The fields of a datagram's 16-byte header that a receiver acts on.</summary>
/// <param name="Type">Message type.</param>
/// <param name="Flags">Header flags.</param>
/// <param name="Sequence">The sender's sequence number.</param>
/// <param name="Length">Payload length in bytes.</param>
public readonly record struct LinkHeader(LinkMessageType Type, LinkFlags Flags, uint Sequence, int Length);
