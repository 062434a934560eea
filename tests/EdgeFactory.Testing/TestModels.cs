namespace EdgeFactory.Testing;

/// <summary>Paths of the models <c>make deps</c> provides: PP-OCR from npm and the generated ones under models/test.</summary>
public static class TestModels
{
    /// <summary>PP-OCRv4 text detection (1×3×H×W → 1×1×H×W).</summary>
    public static string OcrDetection => RepositoryPaths.Of("models", "ppocr", "ch_PP-OCRv4_det_infer.onnx");

    /// <summary>PP-OCR text direction classifier (1×3×48×192 → 1×2).</summary>
    public static string OcrDirection => RepositoryPaths.Of("models", "ppocr", "ch_ppocr_mobile_v2.0_cls_infer.onnx");

    /// <summary>PP-OCRv4 text recognition (1×3×48×W → 1×T×6625).</summary>
    public static string OcrRecognition => RepositoryPaths.Of("models", "ppocr", "ch_PP-OCRv4_rec_infer.onnx");

    /// <summary>The folder of the PP-OCR models and their character list.</summary>
    public static string OcrFolder => RepositoryPaths.Of("models", "ppocr");

    /// <summary>A generated model under models/test.</summary>
    public static string Generated(string name) => RepositoryPaths.Of("models", "test", name);
}
