namespace EdgeFactory.Robotics.Link;

/// <summary><c>ESTOP</c>: <c>asserted</c> (1 stop, 0 release) and three reserved bytes.</summary>
public static class EstopMessage
{
    /// <summary>Payload size.</summary>
    public const int Size = 4;

    /// <summary>Writes the payload; returns its size.</summary>
    public static int Write(Span<byte> payload, bool asserted)
    {
        payload[0] = asserted ? (byte)1 : (byte)0;
        payload[1] = payload[2] = payload[3] = 0;
        return Size;
    }

    /// <summary>Reads the payload; false when it is too short.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out bool asserted)
    {
        asserted = payload.Length >= 1 && payload[0] != 0;
        return payload.Length >= Size;
    }
}
