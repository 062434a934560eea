namespace EdgeFactory.Vision.Frames;

/// <summary>Something that delivers frames: a camera, a stream, a video file, an image folder, a synthetic camera.</summary>
public interface IFrameSource : IDisposable
{
    /// <summary>A name for logs and errors (device, URL, folder).</summary>
    string Name { get; }

    /// <summary>Whether the source is live: a live source that stops delivering has failed (<see cref="VisionErrorCode.CameraLost"/>), a recording has ended.</summary>
    bool IsLive { get; }

    /// <summary>Fills <paramref name="frame"/> with the next image; false when a recording has ended.</summary>
    /// <exception cref="VisionException"><see cref="VisionErrorCode.CameraLost"/> when a live source stops delivering.</exception>
    bool TryRead(Frame frame);
}
