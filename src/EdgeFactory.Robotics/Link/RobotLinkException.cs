namespace EdgeFactory.Robotics.Link;

/// <summary>A robot link failure with its stable <see cref="Code"/>.</summary>
public sealed class RobotLinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RobotLinkException(RobotLinkErrorCode code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>Stable error code.</summary>
    public RobotLinkErrorCode Code { get; }
}
