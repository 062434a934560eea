using EdgeFactory.Inference;
using EdgeFactory.Vision.Preprocessing;
using OpenCvSharp;

namespace EdgeFactory.Vision.Ocr;

/// <summary>
/// PP-OCR text recognition of one cropped line: resized to height 48 into the narrowest configured width that holds it
/// (a pinned tensor and runner per width, made once), run, and CTC-decoded against the character list. One thread at a time.
/// </summary>
public sealed class TextRecognizer : IDisposable
{
    private const int LineHeight = 48;
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly int _step;
    private readonly BoundTensor?[] _bound;
    private readonly TensorPreprocessor _preprocessor = new(NormalizationOptions.PpOcrRecognition);
    private readonly CtcDecoder _decoder;
    private BoundTensor? _current;

    /// <summary>Loads the recognition model and character list of <paramref name="options"/> and checks that they fit.</summary>
    public TextRecognizer(OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var characters = CharacterList.Load(options.CharacterList);
        _session = InferenceSession.Load(options.RecognitionModel, options.Session);
        try
        {
            _input = _session.Signature.Inputs[0].Name;
            _output = _session.Signature.Outputs[0].Name;
            var classes = _session.Signature.Outputs[0].Dimensions[^1];
            characters.CheckFits(classes, Path.GetFileName(options.RecognitionModel));
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        _decoder = new CtcDecoder(characters);
        _step = options.RecognitionWidthStep;
        _bound = new BoundTensor?[options.RecognitionMaxWidth / _step];
    }

    /// <summary>The input width a crop of <paramref name="width"/>×<paramref name="height"/> gets, and the width its pixels take in it.</summary>
    public (int Tensor, int Content) WidthFor(int width, int height)
    {
        var widest = _bound.Length * _step;
        var content = Math.Clamp((int)Math.Ceiling(LineHeight * width / (double)Math.Max(1, height)), 1, widest);
        return (Math.Min(widest, (content + _step - 1) / _step * _step), content);
    }

    /// <summary>Writes <paramref name="line"/> into the input tensor of its width.</summary>
    public void Prepare(Mat line)
    {
        Images.CheckBgr(line, "text recognition");
        var (tensor, content) = WidthFor(line.Width, line.Height);
        var index = (tensor / _step) - 1;
        _current = _bound[index] ??= BoundTensor.Create(_session, _input, 3, LineHeight, tensor);
        _preprocessor.FitHeight(line, _current.Buffer, content);
    }

    /// <summary>Runs the model over the prepared tensor.</summary>
    public void Run(CancellationToken cancellationToken = default)
    {
        var current = _current ?? throw new InvalidOperationException("Prepare a line before running recognition.");
        current.Runner.Run(cancellationToken);
    }

    /// <summary>Decodes the last run's output.</summary>
    public RecognizedText Decode()
    {
        var current = _current ?? throw new InvalidOperationException("Run recognition before decoding.");
        var output = current.Runner.Output(_output);
        return _decoder.Decode(output.AsSpan<float>(), (int)output.Shape[1]);
    }

    /// <summary>Prepares, runs and decodes one line.</summary>
    public RecognizedText Read(Mat line, CancellationToken cancellationToken = default)
    {
        Prepare(line);
        Run(cancellationToken);
        return Decode();
    }

    /// <summary>Frees the runners, tensors and session.</summary>
    public void Dispose()
    {
        foreach (var bound in _bound)
        {
            bound?.Dispose();
        }

        _preprocessor.Dispose();
        _session.Dispose();
    }
}
