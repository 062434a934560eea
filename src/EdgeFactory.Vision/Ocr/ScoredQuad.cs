namespace EdgeFactory.Vision.Ocr;

/// <summary>A detected text box and the mean text probability inside it.</summary>
/// <param name="Box">Corners in image pixels.</param>
/// <param name="Score">Mean probability of text inside the box, 0..1.</param>
public readonly record struct ScoredQuad(TextQuad Box, float Score);
