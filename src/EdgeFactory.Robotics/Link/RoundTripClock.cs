namespace EdgeFactory.Robotics.Link;

/// <summary>Send times of the last 64 commands by sequence number, to time each command until the state that acknowledges it.</summary>
internal sealed class RoundTripClock
{
    private const int Slots = 64;
    private readonly uint[] _sequences = new uint[Slots];
    private readonly long[] _sentAt = new long[Slots];
    private uint _lastAck;

    public void Sent(uint sequence, long timestamp)
    {
        var slot = (int)(sequence % Slots);
        _sequences[slot] = sequence;
        _sentAt[slot] = timestamp;
    }

    /// <summary>Ticks since the command <paramref name="ackSequence"/> was sent, or -1 when it was acknowledged already or is too old.</summary>
    public long Acknowledged(uint ackSequence, long timestamp)
    {
        if (ackSequence == 0 || ackSequence == _lastAck)
        {
            return -1;
        }

        _lastAck = ackSequence;
        var slot = (int)(ackSequence % Slots);
        return _sequences[slot] == ackSequence ? timestamp - _sentAt[slot] : -1;
    }
}
