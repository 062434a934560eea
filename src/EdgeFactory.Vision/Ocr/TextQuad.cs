using OpenCvSharp;

namespace EdgeFactory.Vision.Ocr;

/// <summary>A text region as four corners in image pixels, clockwise from the top-left corner of the text.</summary>
/// <param name="TopLeft">Top-left corner.</param>
/// <param name="TopRight">Top-right corner.</param>
/// <param name="BottomRight">Bottom-right corner.</param>
/// <param name="BottomLeft">Bottom-left corner.</param>
public readonly record struct TextQuad(Point2f TopLeft, Point2f TopRight, Point2f BottomRight, Point2f BottomLeft)
{
    /// <summary>The centre of the four corners.</summary>
    public Point2f Centre => new((TopLeft.X + TopRight.X + BottomRight.X + BottomLeft.X) / 4, (TopLeft.Y + TopRight.Y + BottomRight.Y + BottomLeft.Y) / 4);

    /// <summary>Smallest y of the corners.</summary>
    public float Top => Math.Min(Math.Min(TopLeft.Y, TopRight.Y), Math.Min(BottomRight.Y, BottomLeft.Y));

    /// <summary>Largest y of the corners.</summary>
    public float Bottom => Math.Max(Math.Max(TopLeft.Y, TopRight.Y), Math.Max(BottomRight.Y, BottomLeft.Y));

    /// <summary>Smallest x of the corners.</summary>
    public float Left => Math.Min(Math.Min(TopLeft.X, TopRight.X), Math.Min(BottomRight.X, BottomLeft.X));

    /// <summary>Largest x of the corners.</summary>
    public float Right => Math.Max(Math.Max(TopLeft.X, TopRight.X), Math.Max(BottomRight.X, BottomLeft.X));

    /// <summary>Length of the top edge.</summary>
    public float Width => (float)Math.Max(TopLeft.DistanceTo(TopRight), BottomLeft.DistanceTo(BottomRight));

    /// <summary>Length of the left edge.</summary>
    public float Height => (float)Math.Max(TopLeft.DistanceTo(BottomLeft), TopRight.DistanceTo(BottomRight));

    /// <summary>Angle of the top edge in degrees (0: level; positive: clockwise in image coordinates).</summary>
    public double AngleDegrees => Math.Atan2(TopRight.Y - TopLeft.Y, TopRight.X - TopLeft.X) * 180 / Math.PI;

    /// <summary>The corners in order.</summary>
    public Point2f[] ToArray() => [TopLeft, TopRight, BottomRight, BottomLeft];

    /// <summary>Orders four corners clockwise from the top-left (smallest x + y) corner.</summary>
    public static TextQuad FromCorners(ReadOnlySpan<Point2f> corners)
    {
        if (corners.Length != 4)
        {
            throw new ArgumentException($"A quad has 4 corners, not {corners.Length}.", nameof(corners));
        }

        // Sort by x: the left pair and the right pair; within each pair the smaller y is on top (PP-OCR's order).
        Span<Point2f> p = stackalloc Point2f[4];
        corners.CopyTo(p);
        p.Sort(static (a, b) => a.X.CompareTo(b.X));
        var (topLeft, bottomLeft) = p[0].Y <= p[1].Y ? (p[0], p[1]) : (p[1], p[0]);
        var (topRight, bottomRight) = p[2].Y <= p[3].Y ? (p[2], p[3]) : (p[3], p[2]);
        return new TextQuad(topLeft, topRight, bottomRight, bottomLeft);
    }
}
