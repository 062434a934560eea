namespace EdgeFactory.Vision.Ocr;

/// <summary>One stage's figures in a benchmark.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="P50Ms">Median milliseconds per image.</param>
/// <param name="BytesPerImage">Mean managed bytes allocated per image.</param>
public sealed record OcrStageFigure(OcrStage Stage, double P50Ms, double BytesPerImage);
