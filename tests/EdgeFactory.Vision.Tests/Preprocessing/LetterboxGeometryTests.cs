using EdgeFactory.Vision.Preprocessing;

namespace EdgeFactory.Vision.Tests.Preprocessing;

public sealed class LetterboxGeometryTests
{
    [Fact]
    public void Fit_WideImageIntoSquare_ScalesByWidthAndPadsBelow()
    {
        var g = LetterboxGeometry.Fit(480, 320, 640, 640);

        Assert.Equal(640 / 480.0, g.Scale, 9);
        Assert.Equal((640, 427), (g.ScaledWidth, g.ScaledHeight));
        Assert.Equal((0, 0), (g.PadX, g.PadY));
    }

    [Fact]
    public void Fit_Centred_SplitsThePaddingEvenly()
    {
        var g = LetterboxGeometry.Fit(480, 320, 640, 640, centre: true);

        Assert.Equal((0, 106), (g.PadX, g.PadY));
    }

    [Fact]
    public void Fit_TallImage_ScalesByHeight()
    {
        var g = LetterboxGeometry.Fit(100, 400, 320, 320, centre: true);

        Assert.Equal((80, 320), (g.ScaledWidth, g.ScaledHeight));
        Assert.Equal((120, 0), (g.PadX, g.PadY));
    }

    [Fact]
    public void ToSource_InvertsToTarget()
    {
        var g = LetterboxGeometry.Fit(640, 480, 320, 320, centre: true);

        var (tx, ty) = g.ToTarget(100, 200);
        var (x, y) = g.ToSource(tx, ty);

        Assert.Equal(100, x, 3);
        Assert.Equal(200, y, 3);
    }

    [Fact]
    public void ToSource_PaddingMapsToTheImageEdge()
    {
        var g = LetterboxGeometry.Fit(480, 320, 640, 640);

        Assert.Equal((480f, 320f), g.ToSource(640, 639));
    }

    [Fact]
    public void Fit_ZeroSizeImage_IsEmptyImage()
    {
        var e = Assert.Throws<VisionException>(() => LetterboxGeometry.Fit(0, 320, 640, 640));

        Assert.Equal(VisionErrorCode.EmptyImage, e.Code);
    }
}
