using EdgeFactory.Vision.Preprocessing;
using OpenCvSharp;

namespace EdgeFactory.Vision.Ocr;

/// <summary>
/// Turns a DB text-probability map into text boxes: threshold, contours, minimum-area rectangles scored by the mean
/// probability inside them, grown back by the unclip distance, mapped to image pixels and put in reading order.
/// </summary>
public sealed class DbPostProcessor : IDisposable
{
    private readonly DbOptions _options;
    private readonly Mat _binary = new();

    /// <summary>A post-processor with <paramref name="options"/>.</summary>
    public DbPostProcessor(DbOptions? options = null)
    {
        _options = options ?? new DbOptions();
        _options.Validate();
        OpenCvLibrary.EnsureLoaded();
    }

    /// <summary>The boxes in <paramref name="probability"/> (a <paramref name="height"/>×<paramref name="width"/> map), in image pixels through <paramref name="geometry"/>, in reading order.</summary>
    public unsafe IReadOnlyList<ScoredQuad> Boxes(ReadOnlySpan<float> probability, int height, int width, LetterboxGeometry geometry)
    {
        if (probability.Length < height * width)
        {
            throw new ArgumentException($"A {height}x{width} map needs {height * width} values; got {probability.Length}.", nameof(probability));
        }

        _binary.Create(height, width, MatType.CV_8UC1);
        var bits = new Span<byte>((void*)_binary.Data, height * width);
        var threshold = _options.Threshold;
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = probability[i] > threshold ? (byte)255 : (byte)0;
        }

        Cv2.FindContours(_binary, out var contours, out _, RetrievalModes.List, ContourApproximationModes.ApproxSimple);
        var found = new List<ScoredQuad>();
        Span<Point2f> corners = stackalloc Point2f[4];
        fixed (float* map = probability)
        {
            using var scores = Mat.FromPixelData(height, width, MatType.CV_32FC1, (nint)map);
            foreach (var contour in contours.Take(_options.MaxCandidates))
            {
                if (contour.Length < 3)
                {
                    continue;
                }

                var kernel = Cv2.MinAreaRect(contour);
                if (Math.Min(kernel.Size.Width, kernel.Size.Height) < _options.MinSize)
                {
                    continue;
                }

                var score = MeanInside(scores, kernel.Points());
                if (score < _options.BoxThreshold)
                {
                    continue;
                }

                var grown = Unclip(kernel, _options.UnclipRatio);
                if (Math.Min(grown.Size.Width, grown.Size.Height) < _options.MinSize + 2)
                {
                    continue;
                }

                var points = grown.Points();
                for (var k = 0; k < 4; k++)
                {
                    var (x, y) = geometry.ToSource(points[k].X, points[k].Y);
                    corners[k] = new Point2f((float)Math.Round(x), (float)Math.Round(y));
                }

                var quad = TextQuad.FromCorners(corners);
                if (quad.Width <= 3 || quad.Height <= 3)
                {
                    continue;
                }

                found.Add(new ScoredQuad(quad, score));
            }
        }

        var order = BoxOrder.Sort([.. found.Select(f => f.Box)]);
        return [.. order.Select(i => found[i])];
    }

    /// <summary>
    /// Grows a rectangle by area × ratio / perimeter on every side. For a rectangle this is exactly the minimum-area
    /// rectangle of the polygon offset with round joins, which is how PP-OCR unclips (the rounded corners stay inside it).
    /// </summary>
    public static RotatedRect Unclip(RotatedRect box, float ratio)
    {
        var w = box.Size.Width;
        var h = box.Size.Height;
        var perimeter = 2 * (w + h);
        var distance = perimeter <= 0 ? 0 : w * h * ratio / perimeter;
        return new RotatedRect(box.Center, new Size2f(w + 2 * distance, h + 2 * distance), box.Angle);
    }

    /// <summary>Mean of <paramref name="map"/> inside the polygon <paramref name="corners"/> (PP-OCR's fast box score).</summary>
    private static float MeanInside(Mat map, Point2f[] corners)
    {
        var xmin = Math.Clamp((int)Math.Floor(corners.Min(p => p.X)), 0, map.Width - 1);
        var xmax = Math.Clamp((int)Math.Ceiling(corners.Max(p => p.X)), 0, map.Width - 1);
        var ymin = Math.Clamp((int)Math.Floor(corners.Min(p => p.Y)), 0, map.Height - 1);
        var ymax = Math.Clamp((int)Math.Ceiling(corners.Max(p => p.Y)), 0, map.Height - 1);
        using var mask = new Mat(ymax - ymin + 1, xmax - xmin + 1, MatType.CV_8UC1, Scalar.All(0));
        var polygon = corners.Select(p => new Point((int)Math.Round(p.X - xmin), (int)Math.Round(p.Y - ymin))).ToArray();
        Cv2.FillPoly(mask, [polygon], Scalar.All(1));
        using var region = new Mat(map, new Rect(xmin, ymin, xmax - xmin + 1, ymax - ymin + 1));
        return (float)Cv2.Mean(region, mask).Val0;
    }

    /// <summary>Frees the binary map.</summary>
    public void Dispose() => _binary.Dispose();
}
