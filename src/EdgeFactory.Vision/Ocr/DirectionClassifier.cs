using EdgeFactory.Inference;
using EdgeFactory.Vision.Preprocessing;
using OpenCvSharp;

namespace EdgeFactory.Vision.Ocr;

/// <summary>PP-OCR's text direction classifier: says whether a cropped line is upside down (180°), so it can be turned before recognition.</summary>
public sealed class DirectionClassifier : IDisposable
{
    private const int Height = 48;
    private const int Width = 192;
    private readonly InferenceSession _session;
    private readonly string _output;
    private readonly BoundTensor _bound;
    private readonly TensorPreprocessor _preprocessor = new(NormalizationOptions.PpOcrRecognition);

    /// <summary>Loads <paramref name="model"/> with <paramref name="options"/>.</summary>
    public DirectionClassifier(string model, InferenceSessionOptions? options = null)
    {
        _session = InferenceSession.Load(model, options);
        _output = _session.Signature.Outputs[0].Name;
        _bound = BoundTensor.Create(_session, _session.Signature.Inputs[0].Name, 3, Height, Width);
    }

    /// <summary>The probability that <paramref name="line"/> is upside down.</summary>
    public float UpsideDown(Mat line, CancellationToken cancellationToken = default)
    {
        Images.CheckBgr(line, "direction classification");
        var content = Math.Min(Width, Math.Max(1, (int)Math.Ceiling(Height * line.Width / (double)line.Height)));
        _preprocessor.FitHeight(line, _bound.Buffer, content);
        _bound.Runner.Run(cancellationToken);
        return _bound.Runner.Output(_output).AsSpan<float>()[1];
    }

    /// <summary>Frees the runner, tensor and session.</summary>
    public void Dispose()
    {
        _bound.Dispose();
        _preprocessor.Dispose();
        _session.Dispose();
    }
}
