namespace EdgeFactory.Vision.Ocr;

/// <summary>
/// The reading order of text boxes: lines top to bottom, boxes in a line left to right. A box belongs to a line when
/// its vertical centre lies within half the line's first box's height of that box's centre, so slightly skewed boxes
/// of one line stay together. Stable: equal boxes keep their input order.
/// </summary>
public static class BoxOrder
{
    /// <summary>The indices of <paramref name="boxes"/> in reading order.</summary>
    public static int[] Sort(IReadOnlyList<TextQuad> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        var byTop = Enumerable.Range(0, boxes.Count).OrderBy(i => boxes[i].Centre.Y).ThenBy(i => boxes[i].Left).ToArray();
        var lines = new List<List<int>>();
        foreach (var i in byTop)
        {
            var centre = boxes[i].Centre.Y;
            var line = lines.Count == 0 ? null : lines[^1];
            if (line is not null)
            {
                var first = boxes[line[0]];
                var tolerance = Math.Max(1f, (first.Bottom - first.Top) / 2);
                if (Math.Abs(centre - first.Centre.Y) <= tolerance)
                {
                    line.Add(i);
                    continue;
                }
            }

            lines.Add([i]);
        }

        return [.. lines.SelectMany(l => l.OrderBy(i => boxes[i].Left))];
    }
}
