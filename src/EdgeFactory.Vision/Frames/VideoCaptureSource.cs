using OpenCvSharp;

namespace EdgeFactory.Vision.Frames;

/// <summary>
/// Frames from OpenCV's <see cref="VideoCapture"/>: a video file, an RTSP URL, a V4L2 device (<c>/dev/video0</c> or its index),
/// or a GStreamer pipeline ending in <c>appsink</c> (the way a Jetson's CSI camera is read; docs/vision.md).
/// </summary>
public sealed class VideoCaptureSource : IFrameSource
{
    private readonly VideoCapture _capture;
    private readonly TimeProvider _time;
    private long _sequence;

    private VideoCaptureSource(VideoCapture capture, string name, bool live, TimeProvider time)
    {
        _capture = capture;
        Name = name;
        IsLive = live;
        _time = time;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsLive { get; }

    /// <summary>Opens <paramref name="location"/>: a device index or <c>/dev/videoN</c> (V4L2), <c>rtsp://…</c>, a pipeline ending in <c>appsink</c> (GStreamer), or a video file.</summary>
    /// <param name="location">What to open.</param>
    /// <param name="live">Treat the end of frames as a lost camera; null decides from <paramref name="location"/> (files are recordings).</param>
    /// <param name="time">Clock for frame timestamps.</param>
    public static VideoCaptureSource Open(string location, bool? live = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        OpenCvLibrary.EnsureLoaded();
        var (capture, isLive) = Create(location);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new VisionException(VisionErrorCode.CameraUnavailable, $"{location}: the camera or stream could not be opened (check the device, URL or pipeline; `v4l2-ctl --list-devices` lists cameras).");
        }

        return new VideoCaptureSource(capture, location, live ?? isLive, time ?? TimeProvider.System);
    }

    private static (VideoCapture Capture, bool Live) Create(string location)
    {
        if (int.TryParse(location, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return (new VideoCapture(index, VideoCaptureAPIs.V4L2), true);
        }

        if (location.StartsWith("/dev/video", StringComparison.Ordinal))
        {
            return (new VideoCapture(location, VideoCaptureAPIs.V4L2), true);
        }

        if (location.Contains("appsink", StringComparison.Ordinal))
        {
            return (new VideoCapture(location, VideoCaptureAPIs.GSTREAMER), true);
        }

        var stream = location.Contains("://", StringComparison.Ordinal);
        return (new VideoCapture(location, VideoCaptureAPIs.ANY), stream);
    }

    /// <inheritdoc />
    public bool TryRead(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_capture.Read(frame.Image) && !frame.Image.Empty())
        {
            frame.Stamp(++_sequence, _time.GetUtcNow());
            return true;
        }

        if (IsLive)
        {
            throw new VisionException(VisionErrorCode.CameraLost, $"{Name}: the camera stopped delivering frames after frame {_sequence}.");
        }

        return false;
    }

    /// <summary>Releases the device or stream.</summary>
    public void Dispose() => _capture.Dispose();
}
