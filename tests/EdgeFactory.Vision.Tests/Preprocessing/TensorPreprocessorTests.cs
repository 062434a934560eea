using EdgeFactory.Vision.Preprocessing;
using OpenCvSharp;

namespace EdgeFactory.Vision.Tests.Preprocessing;

public sealed class TensorPreprocessorTests
{
    private static Mat TwoByTwo()
    {
        // BGR pixels: (10,20,30) (40,50,60) / (70,80,90) (100,110,120).
        var image = new Mat(2, 2, MatType.CV_8UC3);
        image.Set(0, 0, new Vec3b(10, 20, 30));
        image.Set(0, 1, new Vec3b(40, 50, 60));
        image.Set(1, 0, new Vec3b(70, 80, 90));
        image.Set(1, 1, new Vec3b(100, 110, 120));
        return image;
    }

    [Fact]
    public void Exact_Bgr_WritesPlanesInChwOrder()
    {
        using var image = TwoByTwo();
        using var pre = new TensorPreprocessor(new NormalizationOptions());
        var tensor = new TensorBuffer(3, 2, 2);

        pre.Exact(image, tensor);

        Assert.Equal([10 / 255f, 40 / 255f, 70 / 255f, 100 / 255f], tensor.Plane(0).ToArray());
        Assert.Equal([30 / 255f, 60 / 255f, 90 / 255f, 120 / 255f], tensor.Plane(2).ToArray());
    }

    [Fact]
    public void Exact_Rgb_SwapsBlueAndRed()
    {
        using var image = TwoByTwo();
        using var pre = new TensorPreprocessor(new NormalizationOptions { Order = ChannelOrder.Rgb });
        var tensor = new TensorBuffer(3, 2, 2);

        pre.Exact(image, tensor);

        Assert.Equal(30 / 255f, tensor.Plane(0)[0]);
        Assert.Equal(20 / 255f, tensor.Plane(1)[0]);
        Assert.Equal(10 / 255f, tensor.Plane(2)[0]);
    }

    [Fact]
    public void Exact_Normalises_WithMeanAndDeviation()
    {
        using var image = TwoByTwo();
        using var pre = new TensorPreprocessor(NormalizationOptions.PpOcrRecognition);
        var tensor = new TensorBuffer(3, 2, 2);

        pre.Exact(image, tensor);

        Assert.Equal((10 / 255f - 0.5f) / 0.5f, tensor.Plane(0)[0], 6);
    }

    [Fact]
    public void Letterbox_PadsTheRestWithThePadValue()
    {
        using var image = new Mat(10, 20, MatType.CV_8UC3, Scalar.All(255));
        using var pre = new TensorPreprocessor(new NormalizationOptions { PadValue = -7 });
        var tensor = new TensorBuffer(3, 20, 20);

        var g = pre.Letterbox(image, tensor);

        Assert.Equal((20, 10, 0, 0), (g.ScaledWidth, g.ScaledHeight, g.PadX, g.PadY));
        Assert.Equal(1f, tensor.Plane(1)[(9 * 20) + 19]);
        Assert.Equal(-7f, tensor.Plane(1)[10 * 20]);
    }

    [Fact]
    public void Exact_FrameOfTheWrongSize_IsFrameSizeMismatch()
    {
        using var image = new Mat(48, 100, MatType.CV_8UC3);
        using var pre = new TensorPreprocessor(NormalizationOptions.PpOcrRecognition);

        var e = Assert.Throws<VisionException>(() => pre.Exact(image, new TensorBuffer(3, 48, 192)));

        Assert.Equal(VisionErrorCode.FrameSizeMismatch, e.Code);
        Assert.Contains("192x48", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Letterbox_ZeroSizeImage_IsEmptyImage()
    {
        using var image = new Mat();
        using var pre = new TensorPreprocessor(NormalizationOptions.PpOcrDetection);

        var e = Assert.Throws<VisionException>(() => pre.Letterbox(image, new TensorBuffer(3, 32, 32)));

        Assert.Equal(VisionErrorCode.EmptyImage, e.Code);
    }

    [Fact]
    public void Letterbox_SteadyState_AllocatesNoManagedMemory()
    {
        // 400x300 into 640x640: scaled by 1.6, so OpenCV resizes every frame.
        using var frame = new Mat(300, 400, MatType.CV_8UC3, new Scalar(30, 120, 210));
        using var pre = new TensorPreprocessor(NormalizationOptions.PpOcrDetection);
        var tensor = new TensorBuffer(3, 640, 640);
        for (var i = 0; i < 3; i++)
        {
            pre.Letterbox(frame, tensor);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            pre.Letterbox(frame, tensor);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
