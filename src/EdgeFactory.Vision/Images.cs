using OpenCvSharp;

namespace EdgeFactory.Vision;

/// <summary>Reads image files into BGR <see cref="Mat"/>s with typed errors instead of OpenCV's empty results.</summary>
public static class Images
{
    /// <summary>Decodes <paramref name="path"/> as a 3-channel BGR image.</summary>
    /// <exception cref="VisionException"><see cref="VisionErrorCode.UnreadableImage"/> or <see cref="VisionErrorCode.EmptyImage"/>.</exception>
    public static Mat Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        OpenCvLibrary.EnsureLoaded();
        if (!File.Exists(path))
        {
            throw new VisionException(VisionErrorCode.UnreadableImage, $"{path}: no such image file.");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new VisionException(VisionErrorCode.EmptyImage, $"{path}: the file is empty (0 bytes).");
        }

        var image = Cv2.ImRead(path, ImreadModes.Color);
        if (image.Empty())
        {
            image.Dispose();
            throw new VisionException(VisionErrorCode.UnreadableImage, $"{path}: not an image OpenCV can decode (PNG, JPEG, BMP, TIFF, WebP and the like).");
        }

        return image;
    }

    /// <summary>Checks that <paramref name="image"/> has pixels and 8-bit BGR (or grey) channels.</summary>
    public static void CheckBgr(Mat image, string what)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Empty() || image.Width == 0 || image.Height == 0)
        {
            throw new VisionException(VisionErrorCode.EmptyImage, $"{what}: the image has no pixels ({image.Width}x{image.Height}).");
        }

        if (image.Depth() != MatType.CV_8U || (image.Channels() != 3 && image.Channels() != 1))
        {
            throw new VisionException(VisionErrorCode.UnreadableImage, $"{what}: expected an 8-bit BGR or grey image, got {image.Type()}.");
        }
    }
}
