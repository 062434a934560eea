using System.Net;
using System.Net.Sockets;
using EdgeFactory.Robotics.Link;

namespace EdgeFactory.Robotics.Tests;

/// <summary>A robot controller inside the test, built on the same codec: answers HELLO, follows commands at once, reports state.</summary>
internal sealed class ControllerPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly byte[] _receive = new byte[2048];
    private readonly byte[] _send = new byte[LinkFrame.MaxDatagramSize];
    private readonly SocketAddress _from;
    private readonly JointTarget[] _targets = new JointTarget[16];
    private readonly JointSample[] _samples;
    private readonly List<ReceivedDatagram> _log = [];
    private readonly Lock _gate = new();
    private volatile bool _stop;
    private SocketAddress? _edge;
    private long _lastStateAt;
    private uint _sequence;

    public ControllerPeer(RobotCapabilities capabilities)
    {
        Capabilities = capabilities;
        Positions = new float[capabilities.Joints.Count];
        _samples = new JointSample[capabilities.Joints.Count];
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _from = new SocketAddress(AddressFamily.InterNetwork);
        _thread = new Thread(Serve) { IsBackground = true, Name = "controller peer" };
        _thread.Start();
    }

    public static RobotCapabilities Arm => new()
    {
        Kind = RobotKind.Arm,
        Name = "peer arm",
        Inputs = 8,
        Outputs = 8,
        Watchdog = TimeSpan.FromMilliseconds(50),
        Joints = [.. Enumerable.Repeat(new JointRange(-3.1f, 3.1f, 2f), 6)],
    };

    public RobotCapabilities Capabilities { get; }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The plant's joint positions (set to each accepted command's positions).</summary>
    public float[] Positions { get; }

    public ControllerMode Mode { get; private set; } = ControllerMode.Idle;

    public uint LastAck { get; private set; }

    public float PowerWatts { get; set; } = 42.5f;

    public bool AnswerHello { get; set; } = true;

    public bool AnswerCommands { get; set; } = true;

    /// <summary>Send a state this often besides the answers to commands (zero: never).</summary>
    public TimeSpan StateEvery { get; set; }

    /// <summary>Keep every datagram received (allocates on the peer's thread).</summary>
    public bool Record { get; set; } = true;

    public long CommandsReceived { get; private set; }

    public IReadOnlyList<ReceivedDatagram> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public bool Connected => _edge is not null;

    /// <summary>Builds one datagram with the peer's codec; the sequence is the next one unless given.</summary>
    public byte[] Build(LinkMessageType type, Func<Memory<byte>, int> payload, uint? sequence = null, LinkFlags flags = LinkFlags.None)
    {
        var buffer = new byte[LinkFrame.MaxDatagramSize];
        var length = payload(buffer.AsMemory(LinkFrame.HeaderSize));
        var size = LinkFrame.Seal(buffer, type, flags, sequence ?? ++_sequence, length);
        return buffer[..size];
    }

    public byte[] BuildState(uint? sequence = null)
    {
        for (var i = 0; i < _samples.Length; i++)
        {
            _samples[i] = new JointSample(Positions[i], 0, 0.5f);
        }

        return Build(LinkMessageType.JointState, m => JointStateMessage.Write(m.Span, new JointStateHeader(LastAck, Mode, 0b101, 7, PowerWatts, 1234), _samples), sequence);
    }

    public void SendRaw(ReadOnlySpan<byte> datagram) => _socket.SendTo(datagram, SocketFlags.None, _edge ?? throw new InvalidOperationException("no edge yet"));

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _socket.Dispose();
    }

    private void Serve()
    {
        while (!_stop)
        {
            if (_socket.Poll(2_000, SelectMode.SelectRead))
            {
                var received = _socket.ReceiveFrom(_receive, SocketFlags.None, _from);
                Handle(_receive.AsSpan(0, received));
            }

            if (StateEvery > TimeSpan.Zero && _edge is not null && TimeProvider.System.GetElapsedTime(_lastStateAt) >= StateEvery)
            {
                SendState();
            }
        }
    }

    private void Handle(ReadOnlySpan<byte> datagram)
    {
        if (LinkFrame.Open(datagram, out var header, out var payload) != LinkRejection.None)
        {
            return;
        }

        var estopFlag = (header.Flags & LinkFlags.EmergencyStop) != 0;
        if (estopFlag)
        {
            Mode = ControllerMode.EmergencyStop;
        }

        switch (header.Type)
        {
            case LinkMessageType.Hello:
                if (!AnswerHello)
                {
                    break;
                }

                _edge = new SocketAddress(_from.Family, _from.Size);
                _from.Buffer.CopyTo(_edge.Buffer);
                _sequence = 0;
                var size = LinkFrame.Seal(_send, LinkMessageType.Capabilities, LinkFlags.None, ++_sequence, CapabilitiesMessage.Write(LinkFrame.Payload(_send), Capabilities));
                _socket.SendTo(_send.AsSpan(0, size), SocketFlags.None, _edge);
                break;
            case LinkMessageType.JointCommand:
                CommandsReceived++;
                JointCommandMessage.TryRead(payload, _targets, out _, out var joints);
                if (Mode is ControllerMode.Idle or ControllerMode.Active && AnswerCommands)
                {
                    Mode = ControllerMode.Active;
                    for (var i = 0; i < joints; i++)
                    {
                        Positions[i] = _targets[i].Position;
                    }

                    LastAck = header.Sequence;
                    SendState();
                }

                break;
            case LinkMessageType.Estop:
                EstopMessage.TryRead(payload, out var asserted);
                if (asserted)
                {
                    Mode = ControllerMode.EmergencyStop;
                }

                break;
            case LinkMessageType.FaultReset:
                if (Mode == ControllerMode.EmergencyStop && !estopFlag)
                {
                    Mode = ControllerMode.Idle;
                }

                break;
        }

        if (Record)
        {
            var targets = header.Type == LinkMessageType.JointCommand ? _targets.AsSpan(0, payload[0]).ToArray() : null;
            bool? estop = header.Type == LinkMessageType.Estop ? payload[0] != 0 : null;
            lock (_gate)
            {
                _log.Add(new ReceivedDatagram(header.Type, header.Flags, header.Sequence, targets, estop));
            }
        }
    }

    private void SendState()
    {
        if (_edge is null)
        {
            return;
        }

        for (var i = 0; i < _samples.Length; i++)
        {
            _samples[i] = new JointSample(Positions[i], 0, 0.5f);
        }

        var length = JointStateMessage.Write(LinkFrame.Payload(_send), new JointStateHeader(LastAck, Mode, 0b101, 7, PowerWatts, 1234), _samples);
        var size = LinkFrame.Seal(_send, LinkMessageType.JointState, Mode == ControllerMode.EmergencyStop ? LinkFlags.EmergencyStop : LinkFlags.None, ++_sequence, length);
        _socket.SendTo(_send.AsSpan(0, size), SocketFlags.None, _edge);
        _lastStateAt = TimeProvider.System.GetTimestamp();
    }
}
