namespace EdgeFactory.Robotics.Link;

/// <summary>The edge's receive path without the socket: validates a datagram, checks its sequence and applies it to the latest state.</summary>
/// <remarks>Never throws on what arrives: every datagram is either applied or counted under one <see cref="LinkRejection"/>.</remarks>
internal sealed class LinkReceiver
{
    private readonly RobotState _state;
    private readonly LinkStatistics _statistics;
    private readonly RoundTripClock _roundTrips;
    private readonly TimeProvider _time;
    private bool _hasLast;
    private uint _last;
    private bool _awaitingCapabilities;

    public LinkReceiver(RobotState state, LinkStatistics statistics, RoundTripClock roundTrips, TimeProvider time)
    {
        _state = state;
        _statistics = statistics;
        _roundTrips = roundTrips;
        _time = time;
    }

    /// <summary>The last capabilities accepted, or null before the handshake.</summary>
    public RobotCapabilities? Capabilities { get; private set; }

    /// <summary>A <c>HELLO</c> went out: the next <c>CAPABILITIES</c> is accepted whatever its sequence and restarts the count.</summary>
    public void HelloSent() => _awaitingCapabilities = true;

    /// <summary>Validates and applies one datagram received at <paramref name="timestamp"/>.</summary>
    public LinkRejection Accept(ReadOnlySpan<byte> datagram, long timestamp)
    {
        var rejection = Check(datagram, timestamp);
        if (rejection == LinkRejection.None)
        {
            _statistics.CountAccepted();
        }
        else
        {
            _statistics.CountRejected(rejection);
        }

        return rejection;
    }

    /// <summary>Counts a datagram that came from somewhere other than the controller.</summary>
    public void RejectPeer() => _statistics.CountRejected(LinkRejection.Peer);

    private LinkRejection Check(ReadOnlySpan<byte> datagram, long timestamp)
    {
        var rejection = LinkFrame.Open(datagram, out var header, out var payload);
        if (rejection != LinkRejection.None)
        {
            return rejection;
        }

        if (!LinkMessageTypes.ReceivedByEdge(header.Type))
        {
            return LinkRejection.Type;
        }

        rejection = CheckPayload(header.Type, payload);
        if (rejection != LinkRejection.None)
        {
            return rejection;
        }

        var resync = header.Type == LinkMessageType.Capabilities && _awaitingCapabilities;
        if (_hasLast && !resync)
        {
            rejection = LinkSequence.Check(header.Sequence, _last);
            if (rejection != LinkRejection.None)
            {
                return rejection;
            }

            var missing = LinkSequence.Gap(header.Sequence, _last);
            if (missing > 0)
            {
                _statistics.CountLost(missing);
            }
        }

        _hasLast = true;
        _last = header.Sequence;
        Apply(header, payload, timestamp);
        return LinkRejection.None;
    }

    private LinkRejection CheckPayload(LinkMessageType type, ReadOnlySpan<byte> payload)
    {
        switch (type)
        {
            case LinkMessageType.Capabilities:
                return CapabilitiesMessage.Check(payload);
            case LinkMessageType.JointState:
                var rejection = JointStateMessage.TryRead(payload, out var state);
                return rejection != LinkRejection.None ? rejection
                    : Capabilities is null || state.Joints != Capabilities.Joints.Count ? LinkRejection.Payload
                    : LinkRejection.None;
            case LinkMessageType.Fault:
                return FaultMessage.TryRead(payload, out _, out _) ? LinkRejection.None : LinkRejection.Payload;
            default:
                return LinkRejection.None;
        }
    }

    private void Apply(LinkHeader header, ReadOnlySpan<byte> payload, long timestamp)
    {
        switch (header.Type)
        {
            case LinkMessageType.Capabilities:
                _awaitingCapabilities = false;
                Capabilities = CapabilitiesMessage.Read(payload);
                break;
            case LinkMessageType.JointState:
                JointStateMessage.TryRead(payload, out var state);
                _state.Apply(state, (header.Flags & LinkFlags.EmergencyStop) != 0, timestamp);
                var roundTrip = _roundTrips.Acknowledged(state.AckSequence, timestamp);
                if (roundTrip >= 0)
                {
                    _statistics.RecordRoundTrip(roundTrip, _time);
                }

                break;
            case LinkMessageType.Fault:
                FaultMessage.TryRead(payload, out var code, out var severity);
                _state.ApplyFault(payload, code, severity, timestamp);
                break;
        }
    }
}
