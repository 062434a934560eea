namespace EdgeFactory.Robotics.Link;

/// <summary>Why a received datagram was dropped (PROTOCOL.md's reasons); <see cref="None"/> when it was accepted.</summary>
public enum LinkRejection
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>Fewer than 20 bytes, more than 512, or a size other than 16 + length + 4.</summary>
    Short,

    /// <summary>The first four bytes are not <c>EFRL</c>.</summary>
    Magic,

    /// <summary>A protocol version other than 1.</summary>
    Version,

    /// <summary>The CRC-32 does not match.</summary>
    Crc,

    /// <summary>An unknown type, or one this side never receives.</summary>
    Type,

    /// <summary>A payload shorter than its type needs, or a count beyond the protocol's limits.</summary>
    Payload,

    /// <summary>The same sequence number as the last accepted datagram.</summary>
    Duplicate,

    /// <summary>A sequence number older than the last accepted one (serial-number arithmetic).</summary>
    Stale,

    /// <summary>A datagram from an address other than the connected peer.</summary>
    Peer,
}
