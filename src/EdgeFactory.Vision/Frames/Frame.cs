using OpenCvSharp;

namespace EdgeFactory.Vision.Frames;

/// <summary>One camera image (8-bit BGR) with its capture time and sequence number; reused from frame to frame, so it is filled in place.</summary>
public sealed class Frame : IDisposable
{
    /// <summary>The pixels; sources write into this <see cref="Mat"/> so its memory is reused.</summary>
    public Mat Image { get; } = new();

    /// <summary>The source's count of frames, from 1; gaps mean frames were dropped on the way.</summary>
    public long Sequence { get; internal set; }

    /// <summary>When the source delivered the frame (the source's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>Width and height of the image.</summary>
    public Size Size => new(Image.Width, Image.Height);

    /// <summary>Stamps the frame as the next of a source.</summary>
    internal void Stamp(long sequence, DateTimeOffset timestamp)
    {
        Sequence = sequence;
        Timestamp = timestamp;
    }

    /// <summary>Copies <paramref name="other"/>'s stamp and pixels into this frame.</summary>
    internal void CopyFrom(Frame other)
    {
        other.Image.CopyTo(Image);
        Stamp(other.Sequence, other.Timestamp);
    }

    /// <summary>Frees the pixels.</summary>
    public void Dispose() => Image.Dispose();
}
