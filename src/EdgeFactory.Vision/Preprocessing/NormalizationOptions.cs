namespace EdgeFactory.Vision.Preprocessing;

/// <summary>How pixel values become tensor values: <c>(pixel / 255 - mean) / std</c> per channel, in the model's channel order.</summary>
public sealed record NormalizationOptions
{
    /// <summary>PP-OCR detection (DB): ImageNet mean and deviation, BGR planes.</summary>
    public static NormalizationOptions PpOcrDetection { get; } = new() { Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] };

    /// <summary>PP-OCR recognition and direction: values in -1..1, BGR planes.</summary>
    public static NormalizationOptions PpOcrRecognition { get; } = new() { Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] };

    /// <summary>Mean per tensor channel, on the 0..1 scale.</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];

    /// <summary>Standard deviation per tensor channel, on the 0..1 scale.</summary>
    public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];

    /// <summary>Channel order of the tensor.</summary>
    public ChannelOrder Order { get; init; } = ChannelOrder.Bgr;

    /// <summary>The tensor value of padding (0: the mean colour after normalisation).</summary>
    public float PadValue { get; init; }

    /// <summary>Checks three channels and deviations above zero.</summary>
    public void Validate()
    {
        if (Mean.Count != 3 || Std.Count != 3 || Std.Any(s => s <= 0))
        {
            throw new ArgumentException("Normalisation needs three means and three deviations above zero.");
        }
    }
}
