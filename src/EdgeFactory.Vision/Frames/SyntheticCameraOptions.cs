namespace EdgeFactory.Vision.Frames;

/// <summary>What a <see cref="SyntheticCamera"/> shows: a tray with labelled parts, and how poor the picture is.</summary>
public sealed class SyntheticCameraOptions
{
    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 480;

    /// <summary>The label printed on each part in the tray, one part per label, laid out left to right then top to bottom.</summary>
    public IReadOnlyList<string> Labels { get; init; } = ["PN-4821-A7"];

    /// <summary>Standard deviation of the Gaussian pixel noise (0: none).</summary>
    public double Noise { get; init; }

    /// <summary>Gaussian blur sigma in pixels (0: sharp).</summary>
    public double Blur { get; init; }

    /// <summary>Largest rotation of the tray in degrees, either way; each frame draws one within it.</summary>
    public double MaxRotationDegrees { get; init; }

    /// <summary>Largest change of brightness, as a fraction (0.2: frames between 80 % and 120 % light).</summary>
    public double LightingVariation { get; init; }

    /// <summary>Seed of the frame-to-frame variation; the same seed gives the same frames.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the values; called when the camera is created.</summary>
    public void Validate()
    {
        if (Width < 64 || Height < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), $"A synthetic camera needs at least 64x64 pixels, not {Width}x{Height}.");
        }

        if (Labels.Count == 0 || Labels.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A synthetic camera needs at least one non-empty label.", nameof(Labels));
        }

        if (Noise < 0 || Blur < 0 || MaxRotationDegrees is < 0 or > 45 || LightingVariation is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Noise), "Noise and blur must be 0 or more, rotation 0 to 45 degrees, lighting variation 0 to below 1.");
        }
    }
}
