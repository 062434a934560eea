using OpenCvSharp;

namespace EdgeFactory.Vision.Ocr;

/// <summary>
/// Reads text from images with PP-OCR: detection (DB) → boxes in reading order → perspective crops → optional direction
/// classification → recognition (CTC). Preprocessing and model runs bind pinned tensors once, so they allocate no managed
/// memory per image of a size already seen. One thread at a time; create one pipeline per camera.
/// </summary>
public sealed class OcrPipeline : IDisposable
{
    private readonly OcrOptions _options;
    private readonly TextDetector _detector;
    private readonly TextRecognizer _recognizer;
    private readonly DirectionClassifier? _classifier;
    private readonly TimeProvider _time;

    private OcrPipeline(OcrOptions options, TextDetector detector, TextRecognizer recognizer, DirectionClassifier? classifier, TimeProvider time)
    {
        _options = options;
        _detector = detector;
        _recognizer = recognizer;
        _classifier = classifier;
        _time = time;
    }

    /// <summary>The detector (for its session and stage-by-stage use).</summary>
    public TextDetector Detector => _detector;

    /// <summary>The recognizer.</summary>
    public TextRecognizer Recognizer => _recognizer;

    /// <summary>Loads the models of <paramref name="options"/>; a missing or mismatched model fails here, not at the first image.</summary>
    public static OcrPipeline Create(OcrOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        OpenCvLibrary.EnsureLoaded();
        TextDetector? detector = null;
        TextRecognizer? recognizer = null;
        try
        {
            detector = new TextDetector(options);
            recognizer = new TextRecognizer(options);
            var classifier = options.ClassifierModel is null ? null : new DirectionClassifier(options.ClassifierModel, options.Session);
            return new OcrPipeline(options, detector, recognizer, classifier, time ?? TimeProvider.System);
        }
        catch
        {
            detector?.Dispose();
            recognizer?.Dispose();
            throw;
        }
    }

    /// <summary>Reads the image file at <paramref name="path"/>.</summary>
    public OcrResult Read(string path, CancellationToken cancellationToken = default)
    {
        using var image = Images.Read(path);
        return Read(image, cancellationToken);
    }

    /// <summary>Reads <paramref name="image"/> (8-bit BGR or grey).</summary>
    public OcrResult Read(Mat image, CancellationToken cancellationToken = default)
    {
        Images.CheckBgr(image, "OCR");
        var stages = new OcrStageMeasures();
        var mark = Mark();
        _detector.Prepare(image);
        mark = Lap(stages, OcrStage.Preprocess, mark);
        _detector.Run(cancellationToken);
        mark = Lap(stages, OcrStage.Detection, mark);
        var boxes = _detector.Boxes();
        var crops = new Mat[boxes.Count];
        for (var i = 0; i < boxes.Count; i++)
        {
            crops[i] = PerspectiveCrop.Crop(image, boxes[i].Box);
        }

        mark = Lap(stages, OcrStage.PostProcess, mark);
        try
        {
            if (_classifier is not null)
            {
                foreach (var crop in crops)
                {
                    if (_classifier.UpsideDown(crop, cancellationToken) >= _options.ClassifierThreshold)
                    {
                        Cv2.Rotate(crop, crop, RotateFlags.Rotate180);
                    }
                }

                mark = Lap(stages, OcrStage.Classification, mark);
            }

            var lines = new List<OcrLine>(crops.Length);
            for (var i = 0; i < crops.Length; i++)
            {
                var text = _recognizer.Read(crops[i], cancellationToken);
                if (text.Text.Length > 0 && text.Confidence >= _options.MinConfidence)
                {
                    lines.Add(new OcrLine(text.Text, boxes[i].Box, text.Confidence, boxes[i].Score));
                }
            }

            _ = Lap(stages, OcrStage.Recognition, mark);
            return new OcrResult(lines, stages);
        }
        finally
        {
            foreach (var crop in crops)
            {
                crop.Dispose();
            }
        }
    }

    private (long Ticks, long Bytes) Mark() => (_time.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());

    private (long Ticks, long Bytes) Lap(OcrStageMeasures stages, OcrStage stage, (long Ticks, long Bytes) since)
    {
        var now = Mark();
        stages.Add(stage, _time.GetElapsedTime(since.Ticks, now.Ticks), now.Bytes - since.Bytes);
        return now;
    }

    /// <summary>Frees the models.</summary>
    public void Dispose()
    {
        _detector.Dispose();
        _recognizer.Dispose();
        _classifier?.Dispose();
    }
}
