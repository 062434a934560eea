using EdgeFactory.Robotics.Link;

namespace EdgeFactory.Robotics.Tests.Link;

public sealed class LinkReceiverTests
{
    private readonly RobotState _state = new();
    private readonly LinkStatistics _statistics = new("test-arm");
    private readonly LinkReceiver _receiver;
    private readonly byte[] _buffer = new byte[LinkFrame.MaxDatagramSize];

    public LinkReceiverTests()
    {
        _receiver = new LinkReceiver(_state, _statistics, new RoundTripClock(), TimeProvider.System);
    }

    [Fact]
    public void Accept_CapabilitiesAfterHello_AcceptedWhateverItsSequence()
    {
        Connect(sequence: 500);
        Assert.Equal(LinkRejection.Stale, _receiver.Accept(State(400, 1f), 1));
        _receiver.HelloSent();
        Assert.Equal(LinkRejection.None, _receiver.Accept(Capabilities(3), 1));
        Assert.Equal(LinkRejection.None, _receiver.Accept(State(4, 1f), 1));
    }

    [Fact]
    public void Accept_State_AppliesEveryField()
    {
        Connect();
        Assert.Equal(LinkRejection.None, _receiver.Accept(State(2, 0.25f, LinkFlags.EmergencyStop), 99));
        Assert.Equal(0.25f, _state.Positions[0]);
        Assert.Equal(6, _state.Joints);
        Assert.Equal(ControllerMode.Active, _state.Mode);
        Assert.True(_state.ControllerEmergencyStop);
        Assert.Equal(12.5f, _state.PowerWatts);
        Assert.Equal(0b11u, _state.Inputs);
        Assert.Equal(4u, _state.Counter);
        Assert.Equal(99, _state.ReceivedAt);
    }

    [Fact]
    public void Accept_DuplicateAndStale_CountedAndNotApplied()
    {
        Connect();
        _receiver.Accept(State(5, 1f), 1);
        Assert.Equal(LinkRejection.Duplicate, _receiver.Accept(State(5, 2f), 2));
        Assert.Equal(LinkRejection.Stale, _receiver.Accept(State(4, 3f), 3));
        Assert.Equal(1f, _state.Positions[0]);
        Assert.Equal(1, _statistics.Rejected(LinkRejection.Duplicate));
        Assert.Equal(1, _statistics.Rejected(LinkRejection.Stale));
    }

    [Fact]
    public void Accept_Gap_CountsLostWithoutRejecting()
    {
        Connect();
        Assert.Equal(LinkRejection.None, _receiver.Accept(State(5, 1f), 1));
        Assert.Equal(3, _statistics.Lost);
    }

    [Fact]
    public void Accept_TypeTheEdgeNeverReceives_IsType()
    {
        Connect();
        var size = LinkFrame.Seal(_buffer, LinkMessageType.JointCommand, LinkFlags.None, 9, JointCommandMessage.Write(LinkFrame.Payload(_buffer), CommandMode.Position, [default]));
        Assert.Equal(LinkRejection.Type, _receiver.Accept(_buffer.AsSpan(0, size), 1));
        size = LinkFrame.Seal(_buffer, (LinkMessageType)0x77, LinkFlags.None, 10, 0);
        Assert.Equal(LinkRejection.Type, _receiver.Accept(_buffer.AsSpan(0, size), 1));
    }

    [Fact]
    public void Accept_StateWithOtherJointCountOrShortFault_IsPayload()
    {
        Connect();
        var length = JointStateMessage.Write(LinkFrame.Payload(_buffer), default, [default]);
        var size = LinkFrame.Seal(_buffer, LinkMessageType.JointState, LinkFlags.None, 2, length);
        Assert.Equal(LinkRejection.Payload, _receiver.Accept(_buffer.AsSpan(0, size), 1));
        size = LinkFrame.Seal(_buffer, LinkMessageType.Fault, LinkFlags.None, 3, 10);
        Assert.Equal(LinkRejection.Payload, _receiver.Accept(_buffer.AsSpan(0, size), 1));
        Assert.Equal(0, _state.Updates);
    }

    [Fact]
    public void Accept_StateBeforeCapabilities_IsPayload()
    {
        Assert.Equal(LinkRejection.Payload, _receiver.Accept(State(1, 1f), 1));
    }

    [Fact]
    public void Accept_Fault_KeptWithDetail()
    {
        Connect();
        var size = LinkFrame.Seal(_buffer, LinkMessageType.Fault, LinkFlags.None, 2, FaultMessage.Write(LinkFrame.Payload(_buffer), FaultCode.Plant, FaultSeverity.Warning, "gripper closed on nothing"));
        Assert.Equal(LinkRejection.None, _receiver.Accept(_buffer.AsSpan(0, size), 5));
        Assert.Equal(FaultCode.Plant, _state.FaultCode);
        Assert.Equal("gripper closed on nothing", _state.FaultDetail());
    }

    [Fact]
    public void Accept_RandomBytes_NeverThrowsNorApplies()
    {
        Connect();
        var random = new Random(20261126);
        var datagram = new byte[600];
        for (var i = 0; i < 200_000; i++)
        {
            var size = random.Next(0, datagram.Length);
            random.NextBytes(datagram.AsSpan(0, size));
            if (i % 3 == 0 && size >= LinkFrame.Overhead)
            {
                // Valid framing around random content reaches the type and payload checks too.
                var payload = Math.Min(size - LinkFrame.Overhead, LinkFrame.MaxPayloadSize);
                var type = (LinkMessageType)(i % 2 == 0 ? 0x11 : random.Next(0, 256));
                size = LinkFrame.Seal(datagram, type, LinkFlags.None, (uint)random.Next(), payload);
            }

            _receiver.Accept(datagram.AsSpan(0, size), 1);
        }

        Assert.Equal(200_001, _statistics.Accepted + _statistics.RejectedTotal);
        Assert.True(_statistics.RejectedTotal > 150_000);
    }

    private void Connect(uint sequence = 1)
    {
        _receiver.HelloSent();
        Assert.Equal(LinkRejection.None, _receiver.Accept(Capabilities(sequence), 1));
    }

    private byte[] Capabilities(uint sequence)
    {
        var size = LinkFrame.Seal(_buffer, LinkMessageType.Capabilities, LinkFlags.None, sequence, CapabilitiesMessage.Write(LinkFrame.Payload(_buffer), ControllerPeer.Arm));
        return _buffer[..size];
    }

    private byte[] State(uint sequence, float position, LinkFlags flags = LinkFlags.None)
    {
        var samples = Enumerable.Repeat(new JointSample(position, 0, 0), 6).ToArray();
        var length = JointStateMessage.Write(LinkFrame.Payload(_buffer), new JointStateHeader(0, ControllerMode.Active, 0b11, 4, 12.5f, 77), samples);
        var size = LinkFrame.Seal(_buffer, LinkMessageType.JointState, flags, sequence, length);
        return _buffer[..size];
    }
}
