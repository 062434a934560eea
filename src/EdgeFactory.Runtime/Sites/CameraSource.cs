namespace EdgeFactory.Runtime.Sites;

/// <summary>Where a robot's camera frames come from (the key under <c>camera:</c> in a site file).</summary>
public enum CameraSource
{
    /// <summary>A rendered tray showing the part the task names (<c>synthetic:</c>).</summary>
    Synthetic,

    /// <summary>A video file, read frame by frame and started again at its end (<c>file:</c>).</summary>
    File,

    /// <summary>The images of a folder in name order, looping (<c>folder:</c>).</summary>
    Folder,

    /// <summary>A network camera (<c>rtsp:</c>).</summary>
    Rtsp,

    /// <summary>A V4L2 device, <c>/dev/videoN</c> or its index (<c>v4l2:</c>).</summary>
    V4l2,

    /// <summary>A GStreamer pipeline ending in <c>appsink</c>, e.g. a Jetson's CSI camera (<c>gstreamer:</c>).</summary>
    GStreamer,
}
