using OpenCvSharp;

namespace EdgeFactory.Vision.Frames;

/// <summary>
/// A live camera that renders what a simulated cell sees: a grey tray holding parts, each with a printed label,
/// with configurable noise, blur, rotation and lighting. Deterministic for a given <see cref="SyntheticCameraOptions.Seed"/>.
/// </summary>
public sealed class SyntheticCamera : IFrameSource
{
    private readonly SyntheticCameraOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Mat _noise;
    private Mat _tray;
    private Rect[] _labels;
    private long _sequence;

    /// <summary>A camera showing <paramref name="options"/>' parts.</summary>
    public SyntheticCamera(SyntheticCameraOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        OpenCvLibrary.EnsureLoaded();
        _options = options;
        _time = time ?? TimeProvider.System;
        _random = new Random(options.Seed);
        (_tray, _labels) = RenderTray(options);
        _noise = new Mat(options.Height, options.Width, MatType.CV_8UC3);
    }

    /// <inheritdoc />
    public string Name => "synthetic";

    /// <inheritdoc />
    public bool IsLive => true;

    /// <summary>Where each label lies in the upright tray (before the frame's rotation), in the order of the labels shown.</summary>
    public IReadOnlyList<Rect> LabelRegions => _labels;

    /// <summary>The rotation the last frame was rendered with, in degrees (counter-clockwise).</summary>
    public double LastRotationDegrees { get; private set; }

    /// <summary>
    /// Puts parts labelled <paramref name="labels"/> in the tray from the next frame on, as when the next part arrives in
    /// the cell; the picture settings stay.
    /// </summary>
    public void Show(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var next = new SyntheticCameraOptions
        {
            Width = _options.Width,
            Height = _options.Height,
            Labels = labels,
        };
        next.Validate();
        var (tray, regions) = RenderTray(next);
        _tray.Dispose();
        (_tray, _labels) = (tray, regions);
    }

    /// <inheritdoc />
    public bool TryRead(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var angle = (_random.NextDouble() * 2 - 1) * _options.MaxRotationDegrees;
        var gain = 1 + ((_random.NextDouble() * 2) - 1) * _options.LightingVariation;
        LastRotationDegrees = angle;
        if (angle != 0)
        {
            using var rotation = Cv2.GetRotationMatrix2D(new Point2f(_options.Width / 2f, _options.Height / 2f), angle, 1);
            Cv2.WarpAffine(_tray, frame.Image, rotation, new Size(_options.Width, _options.Height), InterpolationFlags.Linear, BorderTypes.Replicate);
        }
        else
        {
            _tray.CopyTo(frame.Image);
        }

        if (gain != 1)
        {
            frame.Image.ConvertTo(frame.Image, MatType.CV_8UC3, gain);
        }

        if (_options.Blur > 0)
        {
            Cv2.GaussianBlur(frame.Image, frame.Image, new Size(0, 0), _options.Blur);
        }

        if (_options.Noise > 0)
        {
            Cv2.SetTheRNG((ulong)(_options.Seed * 7919 + _sequence));
            Cv2.Randn(_noise, new Scalar(128, 128, 128), new Scalar(_options.Noise, _options.Noise, _options.Noise));
            Cv2.AddWeighted(frame.Image, 1, _noise, 1, -128, frame.Image);
        }

        frame.Stamp(++_sequence, _time.GetUtcNow());
        return true;
    }

    private static (Mat Tray, Rect[] Labels) RenderTray(SyntheticCameraOptions options)
    {
        var tray = new Mat(options.Height, options.Width, MatType.CV_8UC3, new Scalar(96, 100, 104));
        var columns = (int)Math.Ceiling(Math.Sqrt(options.Labels.Count));
        var rows = (int)Math.Ceiling(options.Labels.Count / (double)columns);
        var cellW = options.Width / columns;
        var cellH = options.Height / rows;
        var labels = new Rect[options.Labels.Count];
        for (var i = 0; i < options.Labels.Count; i++)
        {
            var cell = new Rect((i % columns) * cellW, (i / columns) * cellH, cellW, cellH);
            var part = new Rect(cell.X + cellW / 8, cell.Y + cellH / 8, cellW * 3 / 4, cellH * 3 / 4);
            Cv2.Rectangle(tray, part, new Scalar(60, 62, 66), -1);
            labels[i] = DrawLabel(tray, part, options.Labels[i]);
        }

        return (tray, labels);
    }

    private static Rect DrawLabel(Mat tray, Rect part, string text)
    {
        const HersheyFonts font = HersheyFonts.HersheyDuplex;
        const int thickness = 2;
        // The largest scale whose text fits 80 % of the part's width.
        var scale = 1.2;
        var size = Cv2.GetTextSize(text, font, scale, thickness, out var baseline);
        while (size.Width > part.Width * 0.8 && scale > 0.3)
        {
            scale -= 0.05;
            size = Cv2.GetTextSize(text, font, scale, thickness, out baseline);
        }

        var pad = Math.Max(8, size.Height / 2);
        var label = new Rect(
            part.X + (part.Width - size.Width) / 2 - pad,
            part.Y + (part.Height - size.Height) / 2 - pad,
            size.Width + 2 * pad,
            size.Height + baseline + 2 * pad);
        Cv2.Rectangle(tray, label, new Scalar(236, 238, 240), -1);
        Cv2.PutText(tray, text, new Point(label.X + pad, label.Y + pad + size.Height), font, scale, new Scalar(20, 20, 20), thickness, LineTypes.AntiAlias);
        return label;
    }

    /// <summary>Frees the rendered tray.</summary>
    public void Dispose()
    {
        _tray.Dispose();
        _noise.Dispose();
    }
}
