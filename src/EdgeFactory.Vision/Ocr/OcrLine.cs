namespace EdgeFactory.Vision.Ocr;

/// <summary>One line of text read from an image.</summary>
/// <param name="Text">What it says.</param>
/// <param name="Box">Where it is, in image pixels.</param>
/// <param name="Confidence">Mean probability of its characters, 0..1.</param>
/// <param name="BoxScore">Mean text probability inside the box, 0..1.</param>
public sealed record OcrLine(string Text, TextQuad Box, float Confidence, float BoxScore);
