using EdgeFactory.Vision.Frames;

namespace EdgeFactory.Runtime.Sites;

/// <summary>A robot's camera (<c>camera:</c> in a site file): where its frames come from, and what a synthetic one shows.</summary>
/// <param name="Source">Kind of source.</param>
/// <param name="Location">Full path of the file or folder, the URL, device or pipeline; null for a synthetic camera.</param>
public sealed record CameraDefinition(CameraSource Source, string? Location)
{
    /// <summary>Size and picture of a synthetic camera (noise, blur, rotation, lighting, seed); its labels are what it shows when a task names no part.</summary>
    public SyntheticCameraOptions Synthetic { get; init; } = new() { Width = 320, Height = 240 };

    /// <summary>A label a synthetic camera always shows; null shows the part the task names (its <c>part</c> parameter).</summary>
    public string? Label { get; init; }

    /// <summary>Chance, per task, that the part a synthetic camera shows carries another label than it should, 0–1.</summary>
    public double MislabelRate { get; init; }

    /// <summary>Whether the end of a video file is a lost camera rather than the point to start it again.</summary>
    public bool Live { get; init; }

    /// <summary>Size of one pixel on the work plane in metres, for the position <c>vision.locate</c> reports.</summary>
    public double MetresPerPixel { get; init; } = 0.0005;

    /// <summary>Whether the source delivers in real time (read on a loop of its own, newest frame kept) rather than on demand.</summary>
    public bool Streams => Source is CameraSource.Rtsp or CameraSource.V4l2 or CameraSource.GStreamer;
}
