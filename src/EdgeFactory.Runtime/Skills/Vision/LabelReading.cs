using EdgeFactory.Vision.Ocr;

namespace EdgeFactory.Runtime.Skills.Vision;

/// <summary>What a robot's camera read in one frame.</summary>
/// <param name="Lines">Lines of text in reading order, with their boxes in image pixels.</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Sequence">The frame's sequence number at its source.</param>
internal sealed record LabelReading(IReadOnlyList<OcrLine> Lines, int Width, int Height, long Sequence);
