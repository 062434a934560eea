using EdgeFactory.Vision.Ocr;
using EdgeFactory.Vision.Preprocessing;
using OpenCvSharp;

namespace EdgeFactory.Vision.Tests.Ocr;

public sealed class DbPostProcessorTests
{
    private const int Height = 64;
    private const int Width = 128;

    private static float[] Map(params (Rect Region, float P)[] regions)
    {
        var map = new float[Height * Width];
        foreach (var (r, p) in regions)
        {
            for (var y = r.Top; y < r.Bottom; y++)
            {
                for (var x = r.Left; x < r.Right; x++)
                {
                    map[(y * Width) + x] = p;
                }
            }
        }

        return map;
    }

    [Fact]
    public void Boxes_TwoTextKernels_GrowByTheUnclipDistanceInReadingOrder()
    {
        var map = Map((new Rect(20, 40, 80, 10), 0.9f), (new Rect(10, 10, 50, 10), 0.95f));
        using var post = new DbPostProcessor();

        var boxes = post.Boxes(map, Height, Width, LetterboxGeometry.Fit(Width, Height, Width, Height));

        Assert.Equal(2, boxes.Count);
        Assert.Equal(0.95f, boxes[0].Score, 3);
        // Kernel 10..59 x 10..19: the contour's minimum rectangle is 49 x 9, grown by 49*9*1.5/116 = 5.7 on each side.
        var first = boxes[0].Box;
        Assert.InRange(first.Left, 3, 5);
        Assert.InRange(first.Top, 3, 5);
        Assert.InRange(first.Right, 64, 66);
        Assert.InRange(first.Bottom, 24, 26);
        Assert.True(boxes[1].Box.Top > first.Bottom);
    }

    [Fact]
    public void Boxes_WeakRegion_IsDroppedByTheBoxThreshold()
    {
        var map = Map((new Rect(10, 10, 50, 10), 0.45f));
        using var post = new DbPostProcessor();

        Assert.Empty(post.Boxes(map, Height, Width, LetterboxGeometry.Fit(Width, Height, Width, Height)));
    }

    [Fact]
    public void Boxes_TinySpeck_IsDroppedByTheMinimumSize()
    {
        var map = Map((new Rect(10, 10, 2, 2), 0.99f));
        using var post = new DbPostProcessor();

        Assert.Empty(post.Boxes(map, Height, Width, LetterboxGeometry.Fit(Width, Height, Width, Height)));
    }

    [Fact]
    public void Boxes_MapOfAScaledImage_AreInImagePixels()
    {
        var map = Map((new Rect(10, 10, 50, 10), 0.95f));
        using var post = new DbPostProcessor();

        // The image was 256x128, scaled by 0.5 into the 128x64 map.
        var box = post.Boxes(map, Height, Width, LetterboxGeometry.Fit(256, 128, Width, Height)).Single().Box;

        Assert.InRange(box.Left, 6, 10);
        Assert.InRange(box.Right, 128, 132);
    }

    [Fact]
    public void Unclip_Rectangle_GrowsEachSideByAreaTimesRatioOverPerimeter()
    {
        var grown = DbPostProcessor.Unclip(new RotatedRect(new Point2f(50, 50), new Size2f(40, 10), 0), 1.5f);

        // 40*10*1.5/100 = 6 on each side.
        Assert.Equal(52, grown.Size.Width, 3);
        Assert.Equal(22, grown.Size.Height, 3);
    }
}
