using System.Globalization;
using EdgeFactory.Runtime.Yaml;
using EdgeFactory.Vision.Frames;

namespace EdgeFactory.Runtime.Sites;

/// <summary>
/// Reads a robot's <c>camera:</c> in a site file: <c>synthetic</c> (or <c>synthetic: { … }</c> with its picture and what it
/// shows), or one of <c>file</c>, <c>folder</c>, <c>rtsp</c>, <c>v4l2</c>, <c>gstreamer</c>. Paths are relative to the site file.
/// </summary>
internal static class CameraSection
{
    private static readonly string[] Sources = ["synthetic", "file", "folder", "rtsp", "v4l2", "gstreamer"];

    public static CameraDefinition? Parse(YamlMap robot, string robotId)
    {
        if (!robot.Has("camera"))
        {
            return null;
        }

        if (!robot.HasMapping("camera"))
        {
            return robot.StringWithMark("camera") is ("synthetic", _)
                ? new CameraDefinition(CameraSource.Synthetic, null)
                : throw robot.Error(robot.MarkOf("camera"), $"robot '{robotId}': 'camera' must be 'synthetic' or a mapping with one of {string.Join(", ", Sources)}");
        }

        var camera = robot.OptionalMap("camera")!;
        var given = Sources.Where(camera.Has).ToList();
        if (given.Count != 1)
        {
            throw camera.Error(camera.Start, $"robot '{robotId}': a camera has exactly one source ({string.Join(", ", Sources)}), not {(given.Count == 0 ? "none" : string.Join(" and ", given))}");
        }

        var source = given[0];
        var definition = source == "synthetic" ? Synthetic(camera, robotId) : External(camera, source, robotId);
        definition = definition with
        {
            MetresPerPixel = Number(camera, "metres_per_pixel", 1e-6, 1) ?? definition.MetresPerPixel,
            Live = source == "file" ? camera.OptionalBool("live") ?? false : definition.Live,
        };
        camera.RejectUnknownKeys();
        return definition;
    }

    private static CameraDefinition Synthetic(YamlMap camera, string robotId)
    {
        var definition = new CameraDefinition(CameraSource.Synthetic, null);
        if (!camera.HasMapping("synthetic"))
        {
            return camera.OptionalString("synthetic") is "" or "true"
                ? definition
                : throw camera.Error(camera.MarkOf("synthetic"), $"robot '{robotId}': 'synthetic' takes its settings as a mapping, e.g. synthetic: {{ noise: 4, blur: 0.6 }}");
        }

        var map = camera.OptionalMap("synthetic")!;
        var picture = definition.Synthetic;
        var label = map.StringWithMark("label");
        if (label is ({ } text, var at) && (string.IsNullOrWhiteSpace(text) || text.Length > 64))
        {
            throw map.Error(at, $"robot '{robotId}': 'label' must be 1 to 64 characters");
        }

        definition = definition with
        {
            Synthetic = new SyntheticCameraOptions
            {
                Width = map.OptionalInt("width", 64, 4096) ?? picture.Width,
                Height = map.OptionalInt("height", 64, 4096) ?? picture.Height,
                Noise = Number(map, "noise", 0, 100) ?? 0,
                Blur = Number(map, "blur", 0, 20) ?? 0,
                MaxRotationDegrees = Number(map, "rotation", 0, 45) ?? 0,
                LightingVariation = Number(map, "lighting", 0, 0.9) ?? 0,
                Seed = map.OptionalInt("seed", 0, int.MaxValue) ?? picture.Seed,
            },
            Label = label?.Value,
            MislabelRate = Number(map, "mislabel_rate", 0, 1) ?? 0,
        };
        map.RejectUnknownKeys();
        return definition;
    }

    private static CameraDefinition External(YamlMap camera, string source, string robotId)
    {
        var (text, at) = camera.StringWithMark(source)!.Value;
        var folder = Path.GetDirectoryName(camera.File) ?? ".";
        switch (source)
        {
            case "file":
                var file = Path.GetFullPath(Path.Combine(folder, text));
                return File.Exists(file) ? new CameraDefinition(CameraSource.File, file) : throw camera.Error(at, $"robot '{robotId}': camera file '{file}' does not exist");
            case "folder":
                var images = Path.GetFullPath(Path.Combine(folder, text));
                return Directory.Exists(images) ? new CameraDefinition(CameraSource.Folder, images) : throw camera.Error(at, $"robot '{robotId}': camera folder '{images}' does not exist");
            case "rtsp":
                return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "rtsp" or "rtsps" && uri.Host.Length > 0
                    ? new CameraDefinition(CameraSource.Rtsp, text)
                    : throw camera.Error(at, $"robot '{robotId}': rtsp '{text}' must be a stream address such as rtsp://192.168.10.30:554/stream1");
            case "v4l2":
                var index = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 64;
                var device = text.StartsWith("/dev/video", StringComparison.Ordinal) && int.TryParse(text.AsSpan("/dev/video".Length), NumberStyles.None, CultureInfo.InvariantCulture, out _);
                return index || device
                    ? new CameraDefinition(CameraSource.V4l2, text)
                    : throw camera.Error(at, $"robot '{robotId}': v4l2 '{text}' must be a device such as /dev/video0 or its index (0)");
            default:
                return text.Contains("appsink", StringComparison.Ordinal)
                    ? new CameraDefinition(CameraSource.GStreamer, text)
                    : throw camera.Error(at, $"robot '{robotId}': a gstreamer pipeline must end in appsink, e.g. \"nvarguscamerasrc ! nvvidconv ! video/x-raw,format=BGRx ! videoconvert ! video/x-raw,format=BGR ! appsink\"");
        }
    }

    private static double? Number(YamlMap map, string key, double min, double max)
    {
        var value = map.OptionalNumber(key);
        return value is null || (value >= min && value <= max)
            ? value
            : throw map.Error(map.MarkOf(key), string.Create(CultureInfo.InvariantCulture, $"'{key}' must be from {min} to {max}, not {value}"));
    }
}
