using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeFactory.Robotics.Link;

/// <summary>The edge's end of one robot link: a non-blocking UDP socket with buffers allocated once, so steady-state sends and polls allocate nothing.</summary>
/// <remarks>After <see cref="ConnectAsync"/>, one thread (the control loop's) sends and polls; <see cref="State"/> is read on that thread.</remarks>
public sealed class RobotLink : IDisposable
{
    private readonly RobotLinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly SocketAddress _controller;
    private readonly SocketAddress _from;
    private readonly byte[] _send = new byte[LinkFrame.MaxDatagramSize];
    private readonly byte[] _receive = new byte[LinkFrame.MaxDatagramSize + 1];
    private readonly RoundTripClock _roundTrips = new();
    private readonly LinkReceiver _receiver;
    private uint _sequence;

    /// <summary>Opens the socket (bound, non-blocking); nothing is sent until <see cref="ConnectAsync"/>.</summary>
    public RobotLink(RobotLinkOptions options, TimeProvider? timeProvider = null, ILogger<RobotLink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Statistics = new LinkStatistics(options.Robot);
        _receiver = new LinkReceiver(State, Statistics, _roundTrips, _time);
        var family = options.Controller.AddressFamily;
        try
        {
            _socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
            _socket.Bind(options.Local ?? new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        }
        catch (SocketException e)
        {
            throw new RobotLinkException(RobotLinkErrorCode.SocketFailure, $"Robot {options.Robot}: cannot open a UDP socket for {options.Controller}: {e.SocketErrorCode}.", e);
        }

        _controller = options.Controller.Serialize();
        _from = new SocketAddress(family);
    }

    /// <summary>The latest state the controller reported.</summary>
    public RobotState State { get; } = new();

    /// <summary>What the link counted.</summary>
    public LinkStatistics Statistics { get; }

    /// <summary>The controller's capabilities; null before <see cref="ConnectAsync"/> succeeds.</summary>
    public RobotCapabilities? Capabilities => _receiver.Capabilities;

    /// <summary>The local endpoint the link sends from.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>When set, every datagram sent carries the e-stop flag, which the controller treats as an asserted <c>ESTOP</c>.</summary>
    public bool EmergencyStop { get; set; }

    /// <summary>Sequence number of the last datagram sent.</summary>
    public uint LastSequence => _sequence;

    /// <summary>Sends <c>HELLO</c> until <c>CAPABILITIES</c> answers (repeated every <see cref="RobotLinkOptions.HelloInterval"/>), within <see cref="RobotLinkOptions.HandshakeTimeout"/>.</summary>
    /// <exception cref="RobotLinkException"><see cref="RobotLinkErrorCode.HandshakeTimeout"/> when no answer came.</exception>
    public async Task<RobotCapabilities> ConnectAsync(CancellationToken cancellationToken)
    {
        var before = _receiver.Capabilities;
        using var deadline = new CancellationTokenSource(_options.HandshakeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var periodMicroseconds = (uint)Math.Clamp(_options.ControlPeriod.Ticks / 10, 1, uint.MaxValue);
        try
        {
            while (true)
            {
                var size = HelloMessage.Write(LinkFrame.Payload(_send), _options.Client, periodMicroseconds);
                _receiver.HelloSent();
                Send(LinkMessageType.Hello, size);
                using var interval = new CancellationTokenSource(_options.HelloInterval, _time);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, interval.Token);
                try
                {
                    var capabilities = await ReceiveCapabilitiesAsync(before, attempt.Token).ConfigureAwait(false);
                    RobotLinkLog.Connected(_logger, _options.Robot, _options.Controller.ToString(), capabilities.Name, capabilities.Kind, capabilities.Joints.Count, capabilities.Watchdog.TotalMilliseconds);
                    return capabilities;
                }
                catch (OperationCanceledException) when (interval.IsCancellationRequested && !linked.IsCancellationRequested)
                {
                    // No answer within this interval (a HELLO or its answer may be lost): say HELLO again.
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            RobotLinkLog.HandshakeTimedOut(_logger, _options.Robot, _options.Controller.ToString(), _options.HandshakeTimeout.TotalMilliseconds);
            throw new RobotLinkException(RobotLinkErrorCode.HandshakeTimeout, $"Robot {_options.Robot}: no CAPABILITIES from {_options.Controller} within {_options.HandshakeTimeout.TotalMilliseconds:0} ms.");
        }
    }

    /// <summary>Sends a <c>JOINT_COMMAND</c>, one target per controller joint; returns its sequence number.</summary>
    public uint SendJointCommand(ReadOnlySpan<JointTarget> targets, CommandMode mode = CommandMode.Position)
    {
        var capabilities = _receiver.Capabilities ?? throw new RobotLinkException(RobotLinkErrorCode.NotConnected, $"Robot {_options.Robot}: connect before sending commands.");
        if (targets.Length != capabilities.Joints.Count)
        {
            throw new RobotLinkException(RobotLinkErrorCode.JointCountMismatch, $"Robot {_options.Robot}: {targets.Length} targets for {capabilities.Joints.Count} joints.");
        }

        var sequence = Send(LinkMessageType.JointCommand, JointCommandMessage.Write(LinkFrame.Payload(_send), mode, targets));
        _roundTrips.Sent(sequence, _time.GetTimestamp());
        return sequence;
    }

    /// <summary>Sends a <c>HEARTBEAT</c> (what an edge with nothing to move sends every period).</summary>
    public uint SendHeartbeat() => Send(LinkMessageType.Heartbeat, 0);

    /// <summary>Sends <c>IO_SET</c>: the outputs whose bit is in <paramref name="mask"/> take the bits of <paramref name="values"/>.</summary>
    public uint SendIoSet(uint mask, uint values) => Send(LinkMessageType.IoSet, IoSetMessage.Write(LinkFrame.Payload(_send), mask, values));

    /// <summary>Sends <c>ESTOP</c> asserting or releasing the controller's e-stop.</summary>
    public uint SendEmergencyStop(bool asserted) => Send(LinkMessageType.Estop, EstopMessage.Write(LinkFrame.Payload(_send), asserted));

    /// <summary>Sends <c>FAULT_RESET</c>: releases the watchdog brake and clears faults (not an e-stop).</summary>
    public uint SendFaultReset() => Send(LinkMessageType.FaultReset, 0);

    /// <summary>Reads every datagram waiting (up to <see cref="RobotLinkOptions.MaxDatagramsPerPoll"/>) without blocking; returns how many were accepted.</summary>
    public int Poll()
    {
        var accepted = 0;
        for (var i = 0; i < _options.MaxDatagramsPerPoll && _socket.Poll(0, SelectMode.SelectRead); i++)
        {
            if (ReceiveOne() == LinkRejection.None)
            {
                accepted++;
            }
        }

        return accepted;
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();

    private LinkRejection ReceiveOne()
    {
        int received;
        try
        {
            received = _socket.ReceiveFrom(_receive, SocketFlags.None, _from);
        }
        catch (SocketException)
        {
            // An oversized datagram on some platforms, or an ICMP error surfacing: either way nothing to apply.
            _receiver.Accept(ReadOnlySpan<byte>.Empty, 0);
            return LinkRejection.Short;
        }

        if (!_from.Equals(_controller))
        {
            _receiver.RejectPeer();
            return LinkRejection.Peer;
        }

        return _receiver.Accept(_receive.AsSpan(0, received), _time.GetTimestamp());
    }

    private async Task<RobotCapabilities> ReceiveCapabilitiesAsync(RobotCapabilities? before, CancellationToken cancellationToken)
    {
        var from = new SocketAddress(_controller.Family);
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveFromAsync(_receive.AsMemory(), SocketFlags.None, from, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                _receiver.Accept(ReadOnlySpan<byte>.Empty, 0);
                continue;
            }

            if (!from.Equals(_controller))
            {
                _receiver.RejectPeer();
                continue;
            }

            _receiver.Accept(_receive.AsSpan(0, received), _time.GetTimestamp());
            if (_receiver.Capabilities is { } capabilities && !ReferenceEquals(capabilities, before))
            {
                return capabilities;
            }
        }
    }

    private uint Send(LinkMessageType type, int payloadLength)
    {
        var sequence = ++_sequence;
        var flags = EmergencyStop ? LinkFlags.EmergencyStop : LinkFlags.None;
        var size = LinkFrame.Seal(_send, type, flags, sequence, payloadLength);
        try
        {
            _socket.SendTo(_send.AsSpan(0, size), SocketFlags.None, _controller);
            Statistics.CountSent();
        }
        catch (SocketException e)
        {
            Statistics.CountSendFailure();
            RobotLinkLog.SendFailed(_logger, _options.Robot, e.SocketErrorCode);
        }

        return sequence;
    }
}
