namespace EdgeFactory.Vision;

/// <summary>Stable codes of <see cref="VisionException"/>; scripts, metrics and skill results carry them.</summary>
public enum VisionErrorCode
{
    /// <summary>The image file does not exist or is not an image OpenCV can decode.</summary>
    UnreadableImage,

    /// <summary>The image has no pixels (zero width or height).</summary>
    EmptyImage,

    /// <summary>The camera or stream could not be opened.</summary>
    CameraUnavailable,

    /// <summary>A live camera or stream stopped delivering frames.</summary>
    CameraLost,

    /// <summary>A frame's size differs from the fixed size a model or tensor was built for.</summary>
    FrameSizeMismatch,

    /// <summary>The native OpenCV library (libOpenCvSharpExtern.so) or one of its dependencies is missing.</summary>
    OpenCvMissing,

    /// <summary>The character list does not fit the recognition model's output.</summary>
    CharacterListMismatch,
}
