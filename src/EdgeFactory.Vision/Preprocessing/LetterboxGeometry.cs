namespace EdgeFactory.Vision.Preprocessing;

/// <summary>
/// How an image of one size is fitted into a tensor of another without changing its aspect ratio: scaled by
/// <see cref="Scale"/>, placed at (<see cref="PadX"/>, <see cref="PadY"/>), the rest padded. Maps points both ways.
/// </summary>
/// <param name="SourceWidth">Width of the image.</param>
/// <param name="SourceHeight">Height of the image.</param>
/// <param name="TargetWidth">Width of the tensor.</param>
/// <param name="TargetHeight">Height of the tensor.</param>
/// <param name="Scale">Factor from image pixels to tensor pixels.</param>
/// <param name="ScaledWidth">Width the image takes in the tensor.</param>
/// <param name="ScaledHeight">Height the image takes in the tensor.</param>
/// <param name="PadX">Left edge of the image in the tensor.</param>
/// <param name="PadY">Top edge of the image in the tensor.</param>
public readonly record struct LetterboxGeometry(
    int SourceWidth,
    int SourceHeight,
    int TargetWidth,
    int TargetHeight,
    double Scale,
    int ScaledWidth,
    int ScaledHeight,
    int PadX,
    int PadY)
{
    /// <summary>Fits a <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/> image into <paramref name="targetWidth"/>×<paramref name="targetHeight"/>.</summary>
    /// <param name="sourceWidth">Width of the image.</param>
    /// <param name="sourceHeight">Height of the image.</param>
    /// <param name="targetWidth">Width of the tensor.</param>
    /// <param name="targetHeight">Height of the tensor.</param>
    /// <param name="centre">Centre the image (padding on all sides) instead of placing it top-left (padding right and bottom, PP-OCR's way).</param>
    public static LetterboxGeometry Fit(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight, bool centre = false)
    {
        if (sourceWidth <= 0 || sourceHeight <= 0)
        {
            throw new VisionException(VisionErrorCode.EmptyImage, $"An image of {sourceWidth}x{sourceHeight} has no pixels to fit.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(targetWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetHeight, 1);
        var scale = Math.Min(targetWidth / (double)sourceWidth, targetHeight / (double)sourceHeight);
        var w = Math.Clamp((int)Math.Round(sourceWidth * scale), 1, targetWidth);
        var h = Math.Clamp((int)Math.Round(sourceHeight * scale), 1, targetHeight);
        var padX = centre ? (targetWidth - w) / 2 : 0;
        var padY = centre ? (targetHeight - h) / 2 : 0;
        return new LetterboxGeometry(sourceWidth, sourceHeight, targetWidth, targetHeight, scale, w, h, padX, padY);
    }

    /// <summary>Scale on the x axis from image to tensor (the scaled width is rounded).</summary>
    public double ScaleX => ScaledWidth / (double)SourceWidth;

    /// <summary>Scale on the y axis from image to tensor (the scaled height is rounded).</summary>
    public double ScaleY => ScaledHeight / (double)SourceHeight;

    /// <summary>A tensor point in image coordinates, clamped to the image.</summary>
    public (float X, float Y) ToSource(float x, float y) => (
        (float)Math.Clamp((x - PadX) / ScaleX, 0, SourceWidth),
        (float)Math.Clamp((y - PadY) / ScaleY, 0, SourceHeight));

    /// <summary>An image point in tensor coordinates.</summary>
    public (float X, float Y) ToTarget(float x, float y) => ((float)(x * ScaleX + PadX), (float)(y * ScaleY + PadY));
}
