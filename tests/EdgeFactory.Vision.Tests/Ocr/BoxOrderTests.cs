using EdgeFactory.Vision.Ocr;
using OpenCvSharp;

namespace EdgeFactory.Vision.Tests.Ocr;

public sealed class BoxOrderTests
{
    private static TextQuad Box(float left, float top, float width, float height, float skew = 0) =>
        new(new Point2f(left, top), new Point2f(left + width, top + skew), new Point2f(left + width, top + height + skew), new Point2f(left, top + height));

    [Fact]
    public void Sort_LinesTopToBottom_BoxesLeftToRight()
    {
        TextQuad[] boxes =
        [
            Box(200, 100, 80, 20),      // line 2, right
            Box(10, 12, 80, 20),        // line 1, left
            Box(20, 101, 80, 20),       // line 2, left
            Box(150, 10, 80, 20, 4),    // line 1, right, skewed a little lower
        ];

        Assert.Equal([1, 3, 2, 0], BoxOrder.Sort(boxes));
    }

    [Fact]
    public void Sort_EqualBoxes_KeepTheirOrder()
    {
        TextQuad[] boxes = [Box(10, 10, 50, 20), Box(10, 10, 50, 20), Box(10, 10, 50, 20)];

        Assert.Equal([0, 1, 2], BoxOrder.Sort(boxes));
    }

    [Fact]
    public void FromCorners_AnyOrder_StartsTopLeftClockwise()
    {
        Point2f[] corners = [new(90, 40), new(10, 10), new(10, 40), new(90, 10)];

        var quad = TextQuad.FromCorners(corners);

        Assert.Equal(new TextQuad(new(10, 10), new(90, 10), new(90, 40), new(10, 40)), quad);
    }
}
