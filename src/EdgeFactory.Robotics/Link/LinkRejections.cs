namespace EdgeFactory.Robotics.Link;

/// <summary>The wire names of <see cref="LinkRejection"/> (PROTOCOL.md's reason column), as cached strings for metric tags.</summary>
public static class LinkRejections
{
    private static readonly string[] Names = ["none", "short", "magic", "version", "crc", "type", "payload", "duplicate", "stale", "peer"];

    /// <summary>Number of values of <see cref="LinkRejection"/>, <see cref="LinkRejection.None"/> included.</summary>
    public const int Count = 10;

    /// <summary>The reason's name as PROTOCOL.md writes it.</summary>
    public static string Name(LinkRejection reason) => Names[(int)reason];
}
