using EdgeFactory.Inference;

namespace EdgeFactory.Vision.Ocr;

/// <summary>Which PP-OCR models read text, and how.</summary>
public sealed record OcrOptions
{
    /// <summary>Text detection model (DB), e.g. models/ppocr/ch_PP-OCRv4_det_infer.onnx.</summary>
    public required string DetectionModel { get; init; }

    /// <summary>Text recognition model (CTC), e.g. models/ppocr/ch_PP-OCRv4_rec_infer.onnx.</summary>
    public required string RecognitionModel { get; init; }

    /// <summary>The recognition model's character list, e.g. models/ppocr/ppocr_keys_v1.txt.</summary>
    public required string CharacterList { get; init; }

    /// <summary>Optional direction classifier (0° or 180°); null skips the stage.</summary>
    public string? ClassifierModel { get; init; }

    /// <summary>Images whose longer side exceeds this are scaled down before detection; sides are padded to a multiple of 32.</summary>
    public int DetectionMaxSide { get; init; } = 960;

    /// <summary>A fixed detection input (width, height) instead of one per image size: one tensor, one runner, letterboxed.</summary>
    public (int Width, int Height)? DetectionSize { get; init; }

    /// <summary>Recognition inputs are 48 high and a multiple of this wide: a text line keeps its aspect ratio, padded to the next multiple (one bound tensor per width, made once).</summary>
    public int RecognitionWidthStep { get; init; } = 32;

    /// <summary>Widest recognition input; longer lines are squeezed into it.</summary>
    public int RecognitionMaxWidth { get; init; } = 1280;

    /// <summary>DB post-processing settings.</summary>
    public DbOptions Db { get; init; } = new();

    /// <summary>Lines read with a lower mean character probability are dropped.</summary>
    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>A classifier verdict of 180° below this probability is ignored.</summary>
    public float ClassifierThreshold { get; init; } = 0.9f;

    /// <summary>ONNX Runtime settings of the three sessions (providers, threads).</summary>
    public InferenceSessionOptions Session { get; init; } = InferenceSessionOptions.Default;

    /// <summary>The PP-OCRv4 models and list that <c>make deps</c> installs under <paramref name="folder"/> (models/ppocr).</summary>
    public static OcrOptions PpOcrV4(string folder, bool classify = false) => new()
    {
        DetectionModel = Path.Combine(folder, "ch_PP-OCRv4_det_infer.onnx"),
        RecognitionModel = Path.Combine(folder, "ch_PP-OCRv4_rec_infer.onnx"),
        CharacterList = Path.Combine(folder, "ppocr_keys_v1.txt"),
        ClassifierModel = classify ? Path.Combine(folder, "ch_ppocr_mobile_v2.0_cls_infer.onnx") : null,
    };

    /// <summary>Checks the values; called when a pipeline is created.</summary>
    public void Validate()
    {
        if (DetectionMaxSide < 32 || RecognitionWidthStep < 8 || RecognitionMaxWidth < RecognitionWidthStep || MinConfidence is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DetectionMaxSide), "The detection side must be 32 or more, the recognition width step 8 or more and no wider than the widest input, the confidence 0..1.");
        }

        if (DetectionSize is { } size && (size.Width < 32 || size.Height < 32 || size.Width % 32 != 0 || size.Height % 32 != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(DetectionSize), $"A fixed detection size must be multiples of 32 of at least 32, not {size.Width}x{size.Height}.");
        }

        Db.Validate();
    }
}
