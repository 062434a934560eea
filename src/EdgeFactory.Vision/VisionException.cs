namespace EdgeFactory.Vision;

/// <summary>A vision failure with a stable <see cref="VisionErrorCode"/> and a message that names what was expected and what was given.</summary>
public sealed class VisionException : Exception
{
    /// <summary>A failure with <paramref name="code"/> and <paramref name="message"/>.</summary>
    public VisionException(VisionErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>An unspecified failure; prefer the constructor with a code.</summary>
    public VisionException()
        : this(VisionErrorCode.UnreadableImage, "Vision failure.")
    {
    }

    /// <summary>An unspecified failure with a message; prefer the constructor with a code.</summary>
    public VisionException(string message)
        : this(VisionErrorCode.UnreadableImage, message)
    {
    }

    /// <summary>An unspecified failure with a message and cause; prefer the constructor with a code.</summary>
    public VisionException(string message, Exception innerException)
        : this(VisionErrorCode.UnreadableImage, message, innerException)
    {
    }

    /// <summary>What went wrong, stable across releases.</summary>
    public VisionErrorCode Code { get; }
}
