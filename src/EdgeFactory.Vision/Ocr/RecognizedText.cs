namespace EdgeFactory.Vision.Ocr;

/// <summary>What CTC decoding read from one text line: the text and the mean probability of its characters.</summary>
/// <param name="Text">The characters read.</param>
/// <param name="Confidence">Mean of each kept character's probability (0 when nothing was read).</param>
public readonly record struct RecognizedText(string Text, float Confidence);
