namespace EdgeFactory.Vision.Preprocessing;

/// <summary>
/// A 1×C×H×W float tensor in a pinned array: the preprocessor writes the planes, and an inference runner binds its
/// <see cref="Memory"/> (<c>NativeTensor.Over</c>) once, so no run copies it again.
/// </summary>
public sealed class TensorBuffer
{
    private readonly float[] _data;
    private readonly long[] _shape;

    /// <summary>A zeroed 1×<paramref name="channels"/>×<paramref name="height"/>×<paramref name="width"/> buffer on the pinned heap.</summary>
    public TensorBuffer(int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Channels = channels;
        Height = height;
        Width = width;
        _data = GC.AllocateArray<float>(checked(channels * height * width), pinned: true);
        _shape = [1, channels, height, width];
    }

    /// <summary>Number of planes.</summary>
    public int Channels { get; }

    /// <summary>Rows per plane.</summary>
    public int Height { get; }

    /// <summary>Columns per plane.</summary>
    public int Width { get; }

    /// <summary>The tensor's shape, 1×C×H×W.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>All elements, plane after plane; pinned for the buffer's life.</summary>
    public Memory<float> Memory => _data;

    /// <summary>All elements as a span.</summary>
    public Span<float> Span => _data;

    /// <summary>One plane.</summary>
    public Span<float> Plane(int channel) => _data.AsSpan(channel * Height * Width, Height * Width);
}
