using System.Buffers.Binary;
using EdgeFactory.Robotics.Link;

namespace EdgeFactory.Robotics.Tests.Link;

public sealed class LinkFrameTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    [Fact]
    public void Crc_CheckValue_IsZlibs()
    {
        Assert.Equal(0xCBF43926u, LinkCrc.Compute("123456789"u8));
    }

    [Fact]
    public void Seal_Heartbeat_MatchesProtocolExample()
    {
        var buffer = new byte[LinkFrame.MaxDatagramSize];
        var size = LinkFrame.Seal(buffer, LinkMessageType.Heartbeat, LinkFlags.None, 1, 0);
        Assert.Equal(Hex("45 46 52 4c 01 40 00 00 01 00 00 00 00 00 00 00 48 bd 88 30"), buffer[..size]);
    }

    [Fact]
    public void Seal_JointCommand_MatchesProtocolExample()
    {
        var buffer = new byte[LinkFrame.MaxDatagramSize];
        var length = JointCommandMessage.Write(LinkFrame.Payload(buffer), CommandMode.Position, [new JointTarget(0.5f, 0), new JointTarget(-1.25f, 0)]);
        var size = LinkFrame.Seal(buffer, LinkMessageType.JointCommand, LinkFlags.None, 7, length);
        Assert.Equal(Hex("45 46 52 4c 01 10 00 00 07 00 00 00 14 00 00 00 02 00 00 00 00 00 00 3f 00 00 00 00 00 00 a0 bf 00 00 00 00 11 91 39 2c"), buffer[..size]);
    }

    [Fact]
    public void Open_JointCommandExample_ReadsBack()
    {
        var datagram = Hex("45 46 52 4c 01 10 00 00 07 00 00 00 14 00 00 00 02 00 00 00 00 00 00 3f 00 00 00 00 00 00 a0 bf 00 00 00 00 11 91 39 2c");
        Assert.Equal(LinkRejection.None, LinkFrame.Open(datagram, out var header, out var payload));
        Assert.Equal(new LinkHeader(LinkMessageType.JointCommand, LinkFlags.None, 7, 20), header);
        var targets = new JointTarget[16];
        Assert.Equal(LinkRejection.None, JointCommandMessage.TryRead(payload, targets, out var mode, out var joints));
        Assert.Equal(CommandMode.Position, mode);
        Assert.Equal([new JointTarget(0.5f, 0), new JointTarget(-1.25f, 0)], targets[..joints]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    public void Open_FewerThan20Bytes_IsShort(int size)
    {
        Assert.Equal(LinkRejection.Short, LinkFrame.Open(new byte[size], out _, out _));
    }

    [Fact]
    public void Open_LengthDisagreesWithSize_IsShort()
    {
        var datagram = Heartbeat();
        Assert.Equal(LinkRejection.Short, LinkFrame.Open([.. datagram, 0], out _, out _));
        BinaryPrimitives.WriteUInt16LittleEndian(datagram.AsSpan(12), 4);
        Assert.Equal(LinkRejection.Short, LinkFrame.Open(datagram, out _, out _));
    }

    [Fact]
    public void Open_Over512Bytes_IsShort()
    {
        var datagram = new byte[LinkFrame.MaxDatagramSize + 4];
        BinaryPrimitives.WriteUInt16LittleEndian(datagram.AsSpan(12), (ushort)(datagram.Length - LinkFrame.Overhead));
        Assert.Equal(LinkRejection.Short, LinkFrame.Open(datagram, out _, out _));
    }

    [Fact]
    public void Open_WrongMagic_IsMagic()
    {
        var datagram = Heartbeat();
        datagram[3] = (byte)'X';
        Assert.Equal(LinkRejection.Magic, LinkFrame.Open(datagram, out _, out _));
    }

    [Fact]
    public void Open_WrongVersion_IsVersion()
    {
        var datagram = Heartbeat();
        datagram[4] = 2;
        Assert.Equal(LinkRejection.Version, LinkFrame.Open(datagram, out _, out _));
    }

    [Fact]
    public void Open_FlippedBit_IsCrc()
    {
        var datagram = Heartbeat();
        datagram[9] ^= 0x10;
        Assert.Equal(LinkRejection.Crc, LinkFrame.Open(datagram, out _, out _));
    }

    [Fact]
    public void Open_EstopFlag_IsKeptAndOtherBitsDropped()
    {
        var buffer = new byte[64];
        var size = LinkFrame.Seal(buffer, LinkMessageType.Heartbeat, (LinkFlags)0xFF, 3, 0);
        Assert.Equal(LinkRejection.None, LinkFrame.Open(buffer.AsSpan(0, size), out var header, out _));
        Assert.Equal(LinkFlags.EmergencyStop, header.Flags);
    }

    [Theory]
    [InlineData(2u, 1u, LinkRejection.None)]
    [InlineData(1u, 1u, LinkRejection.Duplicate)]
    [InlineData(1u, 2u, LinkRejection.Stale)]
    [InlineData(0u, 0xFFFFFFFFu, LinkRejection.None)]
    [InlineData(5u, 0xFFFFFFF0u, LinkRejection.None)]
    [InlineData(0xFFFFFFF0u, 5u, LinkRejection.Stale)]
    public void Sequence_SerialArithmetic_WrapsAround(uint sequence, uint last, LinkRejection expected)
    {
        Assert.Equal(expected, LinkSequence.Check(sequence, last));
    }

    [Fact]
    public void Sequence_GapAcrossWrap_CountsMissing()
    {
        Assert.Equal(3u, LinkSequence.Gap(2, 0xFFFFFFFE));
    }

    [Fact]
    public void Capabilities_RoundTrip_KeepsEverything()
    {
        var buffer = new byte[LinkFrame.MaxPayloadSize];
        var length = CapabilitiesMessage.Write(buffer, ControllerPeer.Arm);
        Assert.Equal(24 + (6 * 12), length);
        Assert.Equal(LinkRejection.None, CapabilitiesMessage.Check(buffer.AsSpan(0, length)));
        var read = CapabilitiesMessage.Read(buffer.AsSpan(0, length));
        Assert.Equal(ControllerPeer.Arm with { Joints = read.Joints }, read);
        Assert.Equal(ControllerPeer.Arm.Joints, read.Joints);
    }

    [Fact]
    public void Capabilities_SeventeenJoints_IsPayload()
    {
        var buffer = new byte[LinkFrame.MaxPayloadSize];
        CapabilitiesMessage.Write(buffer, ControllerPeer.Arm);
        buffer[1] = 17;
        Assert.Equal(LinkRejection.Payload, CapabilitiesMessage.Check(buffer));
        buffer[1] = 6;
        buffer[2] = 33;
        Assert.Equal(LinkRejection.Payload, CapabilitiesMessage.Check(buffer));
    }

    [Fact]
    public void JointState_ShortOrTooManyJoints_IsPayload()
    {
        var buffer = new byte[LinkFrame.MaxPayloadSize];
        var length = JointStateMessage.Write(buffer, new JointStateHeader(9, ControllerMode.Active, 1, 2, 3.5f, 4), [new JointSample(1, 2, 3)]);
        Assert.Equal(LinkRejection.None, JointStateMessage.TryRead(buffer.AsSpan(0, length), out var state));
        Assert.Equal(new JointSample(1, 2, 3), state.Sample(0));
        Assert.Equal(3.5f, state.PowerWatts);
        Assert.Equal(LinkRejection.Payload, JointStateMessage.TryRead(buffer.AsSpan(0, length - 1), out _));
        buffer[5] = 17;
        Assert.Equal(LinkRejection.Payload, JointStateMessage.TryRead(buffer, out _));
    }

    [Fact]
    public void Fault_RoundTrip_KeepsDetail()
    {
        var buffer = new byte[FaultMessage.Size];
        FaultMessage.Write(buffer, FaultCode.Watchdog, FaultSeverity.Stopped, "watchdog: no command for 50 ms");
        Assert.True(FaultMessage.TryRead(buffer, out var code, out var severity));
        Assert.Equal((FaultCode.Watchdog, FaultSeverity.Stopped), (code, severity));
        Assert.Equal("watchdog: no command for 50 ms", FaultMessage.Detail(buffer));
    }

    private static byte[] Heartbeat()
    {
        var buffer = new byte[LinkFrame.Overhead];
        LinkFrame.Seal(buffer, LinkMessageType.Heartbeat, LinkFlags.None, 1, 0);
        return buffer;
    }
}
