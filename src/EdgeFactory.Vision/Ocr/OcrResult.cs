namespace EdgeFactory.Vision.Ocr;

/// <summary>What was read from one image: lines in reading order, and what each stage cost.</summary>
/// <param name="Lines">Lines of text, top to bottom, left to right.</param>
/// <param name="Stages">Time and managed bytes per stage.</param>
public sealed record OcrResult(IReadOnlyList<OcrLine> Lines, OcrStageMeasures Stages);
