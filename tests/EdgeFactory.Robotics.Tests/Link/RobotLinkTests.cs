using System.Net;
using System.Net.Sockets;
using EdgeFactory.Robotics.Link;
using EdgeFactory.Testing;

namespace EdgeFactory.Robotics.Tests.Link;

[Collection(AllocationCollection.Name)]
public sealed class RobotLinkTests : IDisposable
{
    private readonly ControllerPeer _peer = new(ControllerPeer.Arm);
    private readonly RobotLink _link;

    public RobotLinkTests()
    {
        _link = new RobotLink(new RobotLinkOptions { Robot = "arm-1", Controller = _peer.EndPoint, HandshakeTimeout = TimeSpan.FromSeconds(5) });
    }

    public void Dispose()
    {
        _link.Dispose();
        _peer.Dispose();
    }

    [Fact]
    public async Task ConnectAsync_PeerAnswers_CapabilitiesKnown()
    {
        var capabilities = await _link.ConnectAsync(CancellationToken.None);
        Assert.Equal("peer arm", capabilities.Name);
        Assert.Equal(6, capabilities.Joints.Count);
        Assert.Same(capabilities, _link.Capabilities);
        Assert.Equal(LinkMessageType.Hello, _peer.Received[0].Type);
    }

    [Fact]
    public async Task ConnectAsync_NoAnswer_ThrowsHandshakeTimeout()
    {
        _peer.AnswerHello = false;
        using var link = new RobotLink(new RobotLinkOptions { Robot = "arm-1", Controller = _peer.EndPoint, HandshakeTimeout = TimeSpan.FromMilliseconds(300), HelloInterval = TimeSpan.FromMilliseconds(50) });
        var error = await Assert.ThrowsAsync<RobotLinkException>(() => link.ConnectAsync(CancellationToken.None));
        Assert.Equal(RobotLinkErrorCode.HandshakeTimeout, error.Code);
        Assert.True(_peer.Received.Count(d => d.Type == LinkMessageType.Hello) >= 2);
    }

    [Fact]
    public void SendJointCommand_BeforeConnect_ThrowsNotConnected()
    {
        var error = Assert.Throws<RobotLinkException>(() => _link.SendJointCommand(new JointTarget[6]));
        Assert.Equal(RobotLinkErrorCode.NotConnected, error.Code);
    }

    [Fact]
    public async Task SendJointCommand_PeerFollows_StateAcknowledgesIt()
    {
        await _link.ConnectAsync(CancellationToken.None);
        var targets = Enumerable.Range(0, 6).Select(i => new JointTarget(0.1f * i, 0)).ToArray();
        var sequence = _link.SendJointCommand(targets);
        await Eventually.TrueAsync(() => { _link.Poll(); return _link.State.AckSequence == sequence; }, "state acknowledging the command");
        Assert.Equal(0.5f, _link.State.Positions[5]);
        Assert.Equal(42.5f, _link.State.PowerWatts);
        Assert.Equal(ControllerMode.Active, _link.State.Mode);
        Assert.True(_link.Statistics.LastRoundTripTicks > 0);
        Assert.Equal(RobotLinkErrorCode.JointCountMismatch, Assert.Throws<RobotLinkException>(() => _link.SendJointCommand(new JointTarget[2])).Code);
    }

    [Fact]
    public async Task Poll_DuplicateStaleCorruptAndDropped_CountedNeverApplied()
    {
        await _link.ConnectAsync(CancellationToken.None);
        _peer.Positions[0] = 1f;
        var first = _peer.BuildState(sequence: 10);
        _peer.Positions[0] = 2f;
        var duplicate = _peer.BuildState(sequence: 10);
        var stale = _peer.BuildState(sequence: 9);
        var corrupt = _peer.BuildState(sequence: 11);
        corrupt[^1] ^= 0xFF;
        _peer.Positions[0] = 3f;
        var afterGap = _peer.BuildState(sequence: 15);
        foreach (var datagram in new[] { first, duplicate, stale, corrupt, afterGap })
        {
            _peer.SendRaw(datagram);
        }

        await Eventually.TrueAsync(() => { _link.Poll(); return _link.Statistics.Accepted + _link.Statistics.RejectedTotal >= 6; }, "all five datagrams read");
        Assert.Equal(1, _link.Statistics.Rejected(LinkRejection.Duplicate));
        Assert.Equal(1, _link.Statistics.Rejected(LinkRejection.Stale));
        Assert.Equal(1, _link.Statistics.Rejected(LinkRejection.Crc));
        Assert.Equal(8 + 4, _link.Statistics.Lost);
        Assert.Equal(3f, _link.State.Positions[0]);
        Assert.Equal(2, _link.State.Updates);
    }

    [Fact]
    public async Task Poll_DatagramFromAnotherAddress_IsPeer()
    {
        await _link.ConnectAsync(CancellationToken.None);
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        stranger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        stranger.SendTo(_peer.BuildState(), new IPEndPoint(IPAddress.Loopback, _link.LocalEndPoint.Port));
        await Eventually.TrueAsync(() => { _link.Poll(); return _link.Statistics.Rejected(LinkRejection.Peer) == 1; }, "the stranger's datagram counted");
        Assert.Equal(0, _link.State.Updates);
    }

    [Fact]
    public async Task Poll_RandomAndOversizedDatagrams_NeverThrow()
    {
        await _link.ConnectAsync(CancellationToken.None);
        var random = new Random(7);
        var sent = 0;
        for (var i = 0; i < 500; i++)
        {
            var datagram = new byte[random.Next(0, 1500)];
            random.NextBytes(datagram);
            _peer.SendRaw(datagram);
            sent++;
            if (i % 50 == 0)
            {
                _link.Poll();
            }
        }

        await Eventually.TrueAsync(() => { _link.Poll(); return _link.Statistics.RejectedTotal >= sent; }, "every random datagram counted");
        Assert.Equal(0, _link.State.Updates);
    }

    [Fact]
    public async Task SendAndPoll_SteadyState_AllocateNothing()
    {
        await _link.ConnectAsync(CancellationToken.None);
        _peer.Record = false;
        var targets = new JointTarget[6];
        RoundTrips(targets, 500);
        var measured = ThreadAllocations.Measure(() => RoundTrips(targets, 5_000));
        Assert.True(measured.Bytes == 0, measured.ToString());
        Assert.True(_link.State.Updates >= 5_000);
    }

    [Fact]
    public async Task EmergencyStop_Set_EveryDatagramCarriesTheFlag()
    {
        await _link.ConnectAsync(CancellationToken.None);
        _link.EmergencyStop = true;
        _link.SendHeartbeat();
        _link.SendJointCommand(new JointTarget[6]);
        await Eventually.TrueAsync(() => _peer.Received.Count >= 3, "both datagrams received");
        Assert.All(_peer.Received.Skip(1), d => Assert.Equal(LinkFlags.EmergencyStop, d.Flags));
    }

    private void RoundTrips(JointTarget[] targets, int count)
    {
        for (var i = 0; i < count; i++)
        {
            targets[0] = new JointTarget(i % 100 * 0.01f, 0);
            var sequence = _link.SendJointCommand(targets);
            _link.SendHeartbeat();
            while (_link.State.AckSequence != sequence)
            {
                _link.Poll();
            }
        }
    }
}
