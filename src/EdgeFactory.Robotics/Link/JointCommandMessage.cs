using System.Buffers.Binary;

namespace EdgeFactory.Robotics.Link;

/// <summary><c>JOINT_COMMAND</c>: joint count, mode, then a position and a velocity per joint.</summary>
public static class JointCommandMessage
{
    /// <summary>Bytes before the per-joint targets.</summary>
    public const int FixedSize = 4;

    /// <summary>Bytes per joint.</summary>
    public const int JointSize = 8;

    /// <summary>Writes the payload; returns its size.</summary>
    public static int Write(Span<byte> payload, CommandMode mode, ReadOnlySpan<JointTarget> targets)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targets.Length, CapabilitiesMessage.MaxJoints);
        payload[0] = (byte)targets.Length;
        payload[1] = (byte)mode;
        payload[2] = 0;
        payload[3] = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var at = payload[(FixedSize + (i * JointSize))..];
            BinaryPrimitives.WriteSingleLittleEndian(at, targets[i].Position);
            BinaryPrimitives.WriteSingleLittleEndian(at[4..], targets[i].Velocity);
        }

        return FixedSize + (targets.Length * JointSize);
    }

    /// <summary>Reads the payload into <paramref name="targets"/> (at least 16 long); <see cref="LinkRejection.Payload"/> when short or over the limits.</summary>
    public static LinkRejection TryRead(ReadOnlySpan<byte> payload, Span<JointTarget> targets, out CommandMode mode, out int joints)
    {
        mode = CommandMode.Position;
        joints = 0;
        if (payload.Length < FixedSize || payload[0] > CapabilitiesMessage.MaxJoints || payload[1] > (byte)CommandMode.Velocity
            || payload.Length < FixedSize + (payload[0] * JointSize) || targets.Length < payload[0])
        {
            return LinkRejection.Payload;
        }

        joints = payload[0];
        mode = (CommandMode)payload[1];
        for (var i = 0; i < joints; i++)
        {
            var at = payload[(FixedSize + (i * JointSize))..];
            targets[i] = new JointTarget(BinaryPrimitives.ReadSingleLittleEndian(at), BinaryPrimitives.ReadSingleLittleEndian(at[4..]));
        }

        return LinkRejection.None;
    }
}
