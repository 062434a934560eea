namespace EdgeFactory.Vision.Ocr;

/// <summary>Settings of DB post-processing (PP-OCR's defaults).</summary>
public sealed record DbOptions
{
    /// <summary>Probability above which a pixel is text.</summary>
    public float Threshold { get; init; } = 0.3f;

    /// <summary>Mean probability inside a box below which the box is dropped.</summary>
    public float BoxThreshold { get; init; } = 0.6f;

    /// <summary>How far a shrunk text kernel is grown back: distance = area × ratio / perimeter.</summary>
    public float UnclipRatio { get; init; } = 1.5f;

    /// <summary>Boxes whose shorter side is below this (in probability-map pixels) are dropped.</summary>
    public float MinSize { get; init; } = 3f;

    /// <summary>At most this many contours are considered.</summary>
    public int MaxCandidates { get; init; } = 1000;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        if (Threshold is <= 0 or >= 1 || BoxThreshold is < 0 or > 1 || UnclipRatio <= 0 || MinSize < 0 || MaxCandidates < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), "DB thresholds lie in 0..1, the unclip ratio and candidates above 0, the minimum size 0 or more.");
        }
    }
}
