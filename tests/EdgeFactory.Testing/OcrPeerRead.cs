namespace EdgeFactory.Testing;

/// <summary>What the OCR peer read from one image in one round, and how long it took.</summary>
/// <param name="File">The image.</param>
/// <param name="Round">Round, from 0.</param>
/// <param name="Milliseconds">Time from file to text.</param>
/// <param name="Lines">Lines read, top to bottom.</param>
public sealed record OcrPeerRead(string File, int Round, double Milliseconds, IReadOnlyList<string> Lines);
