using EdgeFactory.Inference;
using EdgeFactory.Vision.Preprocessing;
using OpenCvSharp;

namespace EdgeFactory.Vision.Ocr;

/// <summary>
/// PP-OCR text detection: letterboxes a frame into a pinned 1×3×H×W tensor bound to a runner (one per input size, kept),
/// runs the DB model and post-processes its probability map into boxes. One thread at a time.
/// </summary>
public sealed class TextDetector : IDisposable
{
    private const int MaxShapes = 4;
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly OcrOptions _options;
    private readonly TensorPreprocessor _preprocessor = new(NormalizationOptions.PpOcrDetection);
    private readonly DbPostProcessor _post;
    private readonly List<BoundTensor> _shapes = [];
    private BoundTensor? _current;
    private LetterboxGeometry _geometry;

    /// <summary>Loads the detection model of <paramref name="options"/>.</summary>
    public TextDetector(OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _post = new DbPostProcessor(options.Db);
        _session = InferenceSession.Load(options.DetectionModel, options.Session);
        _input = _session.Signature.Inputs[0].Name;
        _output = _session.Signature.Outputs[0].Name;
    }

    /// <summary>The detection session (execution provider, signature).</summary>
    public InferenceSession Session => _session;

    /// <summary>Writes <paramref name="image"/> into the input tensor for its size; allocates only for a size not seen among the last few.</summary>
    public LetterboxGeometry Prepare(Mat image)
    {
        Images.CheckBgr(image, "text detection");
        var (width, height) = _options.DetectionSize ?? InputSize(image.Width, image.Height, _options.DetectionMaxSide);
        _current = ShapeFor(width, height);
        _geometry = _preprocessor.Letterbox(image, _current.Buffer);
        return _geometry;
    }

    /// <summary>Runs the model over the prepared tensor.</summary>
    public void Run(CancellationToken cancellationToken = default)
    {
        var current = _current ?? throw new InvalidOperationException("Prepare an image before running detection.");
        current.Runner.Run(cancellationToken);
    }

    /// <summary>The boxes of the last run, in image pixels and reading order.</summary>
    public IReadOnlyList<ScoredQuad> Boxes()
    {
        var current = _current ?? throw new InvalidOperationException("Run detection before reading boxes.");
        var map = current.Runner.Output(_output);
        var h = (int)map.Shape[2];
        var w = (int)map.Shape[3];
        return _post.Boxes(map.AsSpan<float>(), h, w, _geometry);
    }

    /// <summary>The input size for an image: scaled down to <paramref name="maxSide"/> if larger, each side padded up to a multiple of 32.</summary>
    public static (int Width, int Height) InputSize(int width, int height, int maxSide)
    {
        var ratio = Math.Max(width, height) > maxSide ? maxSide / (double)Math.Max(width, height) : 1;
        static int Up32(double v) => Math.Max(32, (int)Math.Ceiling(Math.Round(v) / 32) * 32);
        return (Up32(width * ratio), Up32(height * ratio));
    }

    private BoundTensor ShapeFor(int width, int height)
    {
        foreach (var shape in _shapes)
        {
            if (shape.Buffer.Width == width && shape.Buffer.Height == height)
            {
                return shape;
            }
        }

        if (_shapes.Count == MaxShapes)
        {
            _shapes[0].Dispose();
            _shapes.RemoveAt(0);
        }

        var bound = BoundTensor.Create(_session, _input, 3, height, width);
        _shapes.Add(bound);
        return bound;
    }

    /// <summary>Frees the runners, tensors and session.</summary>
    public void Dispose()
    {
        foreach (var shape in _shapes)
        {
            shape.Dispose();
        }

        _preprocessor.Dispose();
        _post.Dispose();
        _session.Dispose();
    }
}
