using System.Buffers.Binary;

namespace EdgeFactory.Robotics.Link;

/// <summary><c>JOINT_STATE</c>: a view over a checked payload (ack, mode, inputs, counter, power, clock, then position, velocity and effort per joint).</summary>
public readonly ref struct JointStateMessage
{
    /// <summary>Bytes before the per-joint samples.</summary>
    public const int FixedSize = 24;

    /// <summary>Bytes per joint.</summary>
    public const int JointSize = 12;

    private readonly ReadOnlySpan<byte> _payload;

    private JointStateMessage(ReadOnlySpan<byte> payload) => _payload = payload;

    /// <summary><c>seq</c> of the last command the controller applied (0 before any).</summary>
    public uint AckSequence => BinaryPrimitives.ReadUInt32LittleEndian(_payload);

    /// <summary>The controller's mode.</summary>
    public ControllerMode Mode => (ControllerMode)_payload[4];

    /// <summary>Joint count.</summary>
    public int Joints => _payload[5];

    /// <summary>Digital inputs, bit n = input n.</summary>
    public uint Inputs => BinaryPrimitives.ReadUInt32LittleEndian(_payload[8..]);

    /// <summary>The plant's counter (grasps, items at the outfeed; 0 for arms).</summary>
    public uint Counter => BinaryPrimitives.ReadUInt32LittleEndian(_payload[12..]);

    /// <summary>Electrical power the controller draws now, watts.</summary>
    public float PowerWatts => BinaryPrimitives.ReadSingleLittleEndian(_payload[16..]);

    /// <summary>The controller's monotonic clock in milliseconds (wraps).</summary>
    public uint TimeMilliseconds => BinaryPrimitives.ReadUInt32LittleEndian(_payload[20..]);

    /// <summary>Joint <paramref name="joint"/>'s sample.</summary>
    public JointSample Sample(int joint)
    {
        var at = _payload[(FixedSize + (joint * JointSize))..];
        return new JointSample(
            BinaryPrimitives.ReadSingleLittleEndian(at),
            BinaryPrimitives.ReadSingleLittleEndian(at[4..]),
            BinaryPrimitives.ReadSingleLittleEndian(at[8..]));
    }

    /// <summary>Opens a payload; <see cref="LinkRejection.Payload"/> when it is short or counts more than 16 joints.</summary>
    public static LinkRejection TryRead(ReadOnlySpan<byte> payload, out JointStateMessage message)
    {
        message = default;
        if (payload.Length < FixedSize || payload[5] > CapabilitiesMessage.MaxJoints || payload.Length < FixedSize + (payload[5] * JointSize))
        {
            return LinkRejection.Payload;
        }

        message = new JointStateMessage(payload);
        return LinkRejection.None;
    }

    /// <summary>Writes a payload; returns its size.</summary>
    public static int Write(Span<byte> payload, in JointStateHeader header, ReadOnlySpan<JointSample> joints)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(joints.Length, CapabilitiesMessage.MaxJoints);
        BinaryPrimitives.WriteUInt32LittleEndian(payload, header.AckSequence);
        payload[4] = (byte)header.Mode;
        payload[5] = (byte)joints.Length;
        payload[6] = 0;
        payload[7] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(payload[8..], header.Inputs);
        BinaryPrimitives.WriteUInt32LittleEndian(payload[12..], header.Counter);
        BinaryPrimitives.WriteSingleLittleEndian(payload[16..], header.PowerWatts);
        BinaryPrimitives.WriteUInt32LittleEndian(payload[20..], header.TimeMilliseconds);
        for (var i = 0; i < joints.Length; i++)
        {
            var at = payload[(FixedSize + (i * JointSize))..];
            BinaryPrimitives.WriteSingleLittleEndian(at, joints[i].Position);
            BinaryPrimitives.WriteSingleLittleEndian(at[4..], joints[i].Velocity);
            BinaryPrimitives.WriteSingleLittleEndian(at[8..], joints[i].Effort);
        }

        return FixedSize + (joints.Length * JointSize);
    }
}
