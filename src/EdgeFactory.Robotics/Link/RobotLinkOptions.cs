using System.Text;
using System.Net;

namespace EdgeFactory.Robotics.Link;

/// <summary>Where a robot's controller listens and how the edge introduces itself.</summary>
public sealed record RobotLinkOptions
{
    /// <summary>Robot id in metrics and logs.</summary>
    public required string Robot { get; init; }

    /// <summary>The controller's UDP endpoint.</summary>
    public required IPEndPoint Controller { get; init; }

    /// <summary>Client name sent in <c>HELLO</c> (at most 16 ASCII characters).</summary>
    public string Client { get; init; } = "edgefactory";

    /// <summary>The edge's control period, announced in <c>HELLO</c>.</summary>
    public TimeSpan ControlPeriod { get; init; } = TimeSpan.FromMilliseconds(4);

    /// <summary>How long <see cref="RobotLink.ConnectAsync"/> waits for <c>CAPABILITIES</c> in all.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the handshake repeats <c>HELLO</c> while no answer comes (a datagram may be lost).</summary>
    public TimeSpan HelloInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Local endpoint to bind; any address of the controller's family and an ephemeral port when null.</summary>
    public IPEndPoint? Local { get; init; }

    /// <summary>Most datagrams one <see cref="RobotLink.Poll"/> reads, so a flood cannot hold the control loop.</summary>
    public int MaxDatagramsPerPoll { get; init; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Robot))
        {
            throw new ArgumentException("A robot link needs the robot's id.", nameof(Robot));
        }

        if (Controller is null || Controller.Port == 0)
        {
            throw new ArgumentException($"Robot {Robot}: the controller's endpoint needs a port.", nameof(Controller));
        }

        if (string.IsNullOrEmpty(Client) || Client.Length > 16 || !Ascii.IsValid(Client))
        {
            throw new ArgumentException($"Robot {Robot}: the client name must be 1 to 16 ASCII characters.", nameof(Client));
        }

        if (ControlPeriod <= TimeSpan.Zero || HandshakeTimeout <= TimeSpan.Zero || HelloInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Robot {Robot}: ControlPeriod, HandshakeTimeout and HelloInterval must be positive.", nameof(ControlPeriod));
        }

        if (MaxDatagramsPerPoll < 1)
        {
            throw new ArgumentException($"Robot {Robot}: MaxDatagramsPerPoll must be ≥ 1.", nameof(MaxDatagramsPerPoll));
        }
    }
}
