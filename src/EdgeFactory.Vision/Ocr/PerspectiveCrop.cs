using OpenCvSharp;

namespace EdgeFactory.Vision.Ocr;

/// <summary>Cuts a text box out of an image as an upright rectangle (perspective-corrected); a box much taller than wide is turned to read left to right.</summary>
public static class PerspectiveCrop
{
    /// <summary>The upright crop of <paramref name="box"/> from <paramref name="image"/>.</summary>
    public static Mat Crop(Mat image, TextQuad box)
    {
        ArgumentNullException.ThrowIfNull(image);
        var width = Math.Max(1, (int)box.Width);
        var height = Math.Max(1, (int)box.Height);
        Point2f[] target = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        using var transform = Cv2.GetPerspectiveTransform(box.ToArray(), target);
        var crop = new Mat();
        Cv2.WarpPerspective(image, crop, transform, new Size(width, height), InterpolationFlags.Cubic, BorderTypes.Replicate);
        if (height >= width * 1.5)
        {
            Cv2.Rotate(crop, crop, RotateFlags.Rotate90Counterclockwise);
        }

        return crop;
    }
}
