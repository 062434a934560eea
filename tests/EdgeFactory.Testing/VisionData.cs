namespace EdgeFactory.Testing;

/// <summary>The rendered labelled-part images under tests/data/vision (eng/vision/render_labels.py) and their ground truth.</summary>
public static class VisionData
{
    /// <summary>The folder of the images and truth.tsv.</summary>
    public static string Folder => RepositoryPaths.Of("tests", "data", "vision");

    /// <summary>Every image with its subset and expected lines, in file order.</summary>
    public static IReadOnlyList<LabelImage> Images { get; } = Load();

    private static LabelImage[] Load() =>
        [.. File.ReadAllLines(Path.Combine(Folder, "truth.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new LabelImage(Path.Combine(Folder, f[0]), f[1], f[2..]))];
}
