namespace EdgeFactory.Testing;

/// <summary>One rendered label image: its file, subset (clean, rotated, blurred, noisy) and the lines printed on it.</summary>
/// <param name="Path">Image file.</param>
/// <param name="Subset">Which degradation it has.</param>
/// <param name="Lines">The printed lines, top to bottom.</param>
public sealed record LabelImage(string Path, string Subset, IReadOnlyList<string> Lines);
