using OpenCvSharp;

namespace EdgeFactory.Vision.Frames;

/// <summary>Frames from the image files of a folder in name order; optionally looping, as a stand-in camera that keeps delivering.</summary>
public sealed class ImageFolderSource : IFrameSource
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"];
    private readonly string[] _files;
    private readonly TimeProvider _time;
    private long _sequence;
    private int _next;

    /// <summary>Lists the images in <paramref name="folder"/>.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="loop">Start again after the last image; the source is then live, and a folder whose images disappear is a lost camera.</param>
    /// <param name="time">Clock for frame timestamps.</param>
    public ImageFolderSource(string folder, bool loop = false, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new VisionException(VisionErrorCode.CameraUnavailable, $"{folder}: no such folder.");
        }

        _files = [.. Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)];
        if (_files.Length == 0)
        {
            throw new VisionException(VisionErrorCode.CameraUnavailable, $"{folder}: no images ({string.Join(", ", Extensions)}).");
        }

        Name = folder;
        IsLive = loop;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsLive { get; }

    /// <summary>The image files, in the order they are delivered.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <inheritdoc />
    public bool TryRead(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_next == _files.Length)
        {
            if (!IsLive)
            {
                return false;
            }

            _next = 0;
        }

        var file = _files[_next++];
        Mat image;
        try
        {
            image = Images.Read(file);
        }
        catch (VisionException e) when (IsLive)
        {
            throw new VisionException(VisionErrorCode.CameraLost, $"{Name}: the source stopped delivering after frame {_sequence} ({e.Message})", e);
        }

        using (image)
        {
            image.CopyTo(frame.Image);
        }

        frame.Stamp(++_sequence, _time.GetUtcNow());
        return true;
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }
}
