using EdgeFactory.Vision.Native;
using OpenCvSharp;

namespace EdgeFactory.Vision.Preprocessing;

/// <summary>
/// Turns an 8-bit BGR (or grey) image into a model's 1×3×H×W float tensor: resize (letterbox, stretch or exact size)
/// with OpenCV, then colour order, normalisation and HWC→CHW in one pass straight into a pinned <see cref="TensorBuffer"/>.
/// Reuses its resize target, so a stream of same-sized frames allocates no managed memory. One thread at a time.
/// </summary>
public sealed class TensorPreprocessor : IDisposable
{
    private readonly float[] _lookup;
    private readonly int[] _sourceChannel;
    private readonly float _pad;
    private readonly Mat _resized = new();
    private readonly CvArrayHandle _resizedArray;
    private CvArrayHandle? _sourceArray;

    /// <summary>A preprocessor that normalises with <paramref name="normalization"/>.</summary>
    public TensorPreprocessor(NormalizationOptions normalization)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        normalization.Validate();
        OpenCvLibrary.EnsureLoaded();
        // Tensor channel c reads BGR channel _sourceChannel[c]; its value for byte v is _lookup[c * 256 + v].
        _sourceChannel = normalization.Order == ChannelOrder.Bgr ? [0, 1, 2] : [2, 1, 0];
        _lookup = new float[3 * 256];
        for (var c = 0; c < 3; c++)
        {
            for (var v = 0; v < 256; v++)
            {
                _lookup[c * 256 + v] = (v / 255f - normalization.Mean[c]) / normalization.Std[c];
            }
        }

        _pad = normalization.PadValue;
        _resizedArray = CvArrayHandle.Output(_resized);
    }

    /// <summary>Scales <paramref name="image"/> to fit <paramref name="into"/> keeping its aspect ratio and pads the rest.</summary>
    public LetterboxGeometry Letterbox(Mat image, TensorBuffer into, bool centre = false)
    {
        ArgumentNullException.ThrowIfNull(into);
        Images.CheckBgr(image, "preprocess");
        var geometry = LetterboxGeometry.Fit(image.Width, image.Height, into.Width, into.Height, centre);
        Write(Resized(image, geometry.ScaledWidth, geometry.ScaledHeight), into, geometry.PadX, geometry.PadY);
        return geometry;
    }

    /// <summary>Resizes <paramref name="image"/> to <paramref name="width"/>×(tensor height), placed at the left and padded on the right: a text line for recognition.</summary>
    public void FitHeight(Mat image, TensorBuffer into, int width)
    {
        ArgumentNullException.ThrowIfNull(into);
        Images.CheckBgr(image, "preprocess");
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, into.Width);
        Write(Resized(image, width, into.Height), into, 0, 0);
    }

    /// <summary>Writes <paramref name="image"/> unscaled; a frame of another size than the tensor is <see cref="VisionErrorCode.FrameSizeMismatch"/>.</summary>
    public void Exact(Mat image, TensorBuffer into)
    {
        ArgumentNullException.ThrowIfNull(into);
        Images.CheckBgr(image, "preprocess");
        if (image.Width != into.Width || image.Height != into.Height)
        {
            throw new VisionException(VisionErrorCode.FrameSizeMismatch, $"The model takes frames of exactly {into.Width}x{into.Height}; this frame is {image.Width}x{image.Height}. Letterbox it, or configure the camera for {into.Width}x{into.Height}.");
        }

        Write(image, into, 0, 0);
    }

    private Mat Resized(Mat image, int width, int height)
    {
        if (image.Width == width && image.Height == height)
        {
            return image;
        }

        // OpenCvSharp wraps each Mat in a new InputArray/OutputArray per call; reusing native ones keeps a stream of frames allocation-free.
        if (_sourceArray is null || !ReferenceEquals(_sourceArray.Mat, image))
        {
            _sourceArray?.Dispose();
            _sourceArray = CvArrayHandle.Input(image);
        }

        CvResize.Linear(_sourceArray, _resizedArray, width, height);
        return _resized;
    }

    private unsafe void Write(Mat image, TensorBuffer into, int left, int top)
    {
        var width = image.Width;
        var height = image.Height;
        var channels = image.Channels();
        var step = image.Step();
        var source = (byte*)image.Data;
        var planeSize = into.Width * into.Height;
        fixed (float* tensor = into.Span)
        fixed (float* lookup = _lookup)
        {
            for (var c = 0; c < 3; c++)
            {
                var plane = tensor + (c * planeSize);
                var table = lookup + (c * 256);
                var offset = channels == 1 ? 0 : _sourceChannel[c];
                new Span<float>(plane, planeSize).Fill(_pad);
                for (var y = 0; y < height; y++)
                {
                    var row = source + (y * step) + offset;
                    var output = plane + ((top + y) * into.Width) + left;
                    for (var x = 0; x < width; x++)
                    {
                        output[x] = table[row[x * channels]];
                    }
                }
            }
        }
    }

    /// <summary>Frees the resize target.</summary>
    public void Dispose()
    {
        _sourceArray?.Dispose();
        _resizedArray.Dispose();
        _resized.Dispose();
    }
}
