namespace EdgeFactory.Inference.Tests;

/// <summary>Fixed, reproducible tensor contents for tests (no randomness, so a failure reproduces).</summary>
internal static class Patterns
{
    /// <summary>Fills a float tensor with a smooth image-like pattern in [0, 1].</summary>
    public static void Fill(Span<float> data, int seed = 0)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(0.5 + (0.5 * Math.Sin((i * 0.013) + seed)));
        }
    }
}
