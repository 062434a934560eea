using System.Buffers.Binary;

namespace EdgeFactory.Robotics.Link;

/// <summary><c>CAPABILITIES</c>: kind, joint count, I/O counts, watchdog, name, then 12 bytes of limits per joint.</summary>
public static class CapabilitiesMessage
{
    /// <summary>Bytes before the per-joint limits.</summary>
    public const int FixedSize = 24;

    /// <summary>Bytes per joint.</summary>
    public const int JointSize = 12;

    /// <summary>Most joints a controller may have.</summary>
    public const int MaxJoints = 16;

    /// <summary>Most digital inputs or outputs.</summary>
    public const int MaxIo = 32;

    /// <summary>Writes the payload; returns its size.</summary>
    public static int Write(Span<byte> payload, RobotCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var joints = capabilities.Joints.Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(joints, MaxJoints);
        payload[0] = (byte)capabilities.Kind;
        payload[1] = (byte)joints;
        payload[2] = (byte)capabilities.Inputs;
        payload[3] = (byte)capabilities.Outputs;
        BinaryPrimitives.WriteUInt16LittleEndian(payload[4..], (ushort)Math.Clamp(capabilities.Watchdog.TotalMilliseconds, 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(payload[6..], 0);
        LinkText.Write(payload.Slice(8, 16), capabilities.Name);
        for (var i = 0; i < joints; i++)
        {
            var at = payload[(FixedSize + (i * JointSize))..];
            var range = capabilities.Joints[i];
            BinaryPrimitives.WriteSingleLittleEndian(at, range.PositionMin);
            BinaryPrimitives.WriteSingleLittleEndian(at[4..], range.PositionMax);
            BinaryPrimitives.WriteSingleLittleEndian(at[8..], range.VelocityMax);
        }

        return FixedSize + (joints * JointSize);
    }

    /// <summary>Checks the payload without reading it whole: <see cref="LinkRejection.Payload"/> when it is short or a count is out of range.</summary>
    public static LinkRejection Check(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < FixedSize)
        {
            return LinkRejection.Payload;
        }

        int joints = payload[1];
        return joints is < 1 or > MaxJoints || payload[2] > MaxIo || payload[3] > MaxIo || payload.Length < FixedSize + (joints * JointSize)
            ? LinkRejection.Payload
            : LinkRejection.None;
    }

    /// <summary>Reads a payload that passed <see cref="Check"/>.</summary>
    public static RobotCapabilities Read(ReadOnlySpan<byte> payload)
    {
        int joints = payload[1];
        var ranges = new JointRange[joints];
        for (var i = 0; i < joints; i++)
        {
            var at = payload[(FixedSize + (i * JointSize))..];
            ranges[i] = new JointRange(
                BinaryPrimitives.ReadSingleLittleEndian(at),
                BinaryPrimitives.ReadSingleLittleEndian(at[4..]),
                BinaryPrimitives.ReadSingleLittleEndian(at[8..]));
        }

        return new RobotCapabilities
        {
            Kind = (RobotKind)payload[0],
            Joints = ranges,
            Inputs = payload[2],
            Outputs = payload[3],
            Watchdog = TimeSpan.FromMilliseconds(BinaryPrimitives.ReadUInt16LittleEndian(payload[4..])),
            Name = LinkText.Read(payload.Slice(8, 16)),
        };
    }
}
