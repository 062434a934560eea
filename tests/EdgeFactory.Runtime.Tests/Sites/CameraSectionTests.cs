using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Yaml;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Sites;

public sealed class CameraSectionTests
{
    private const string Robot = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: pick_place_cell\n";

    private static string File => RepositoryPaths.Of("robots", "sites", "inline.yaml");

    [Fact]
    public void Parse_SyntheticCamera_TakesItsPictureAndWhatItShows()
    {
        var site = SiteFile.Parse(Robot + "    camera:\n      synthetic: { width: 256, height: 128, noise: 4, blur: 0.6, rotation: 5, lighting: 0.15, seed: 9, mislabel_rate: 0.1 }\n      metres_per_pixel: 0.001\n", File);

        var camera = site.Robot("c1")!.Camera!;
        Assert.Equal(CameraSource.Synthetic, camera.Source);
        Assert.Equal((256, 128, 4.0, 0.6, 5.0, 0.15, 9), (camera.Synthetic.Width, camera.Synthetic.Height, camera.Synthetic.Noise, camera.Synthetic.Blur, camera.Synthetic.MaxRotationDegrees, camera.Synthetic.LightingVariation, camera.Synthetic.Seed));
        Assert.Equal((0.1, 0.001, null), (camera.MislabelRate, camera.MetresPerPixel, camera.Label));
        Assert.Equal(RepositoryPaths.Of("models", "ppocr", "ch_PP-OCRv4_det_infer.onnx"), site.Settings.Vision!.DetectionModel);
        Assert.Null(site.Settings.Vision.ClassifierModel);
    }

    [Fact]
    public void Parse_CameraShorthand_IsASyntheticCameraOf320By240()
    {
        var camera = SiteFile.Parse(Robot + "    camera: synthetic\n", File).Robot("c1")!.Camera!;

        Assert.Equal((CameraSource.Synthetic, 320, 240), (camera.Source, camera.Synthetic.Width, camera.Synthetic.Height));
    }

    [Theory]
    [InlineData("rtsp: rtsp://10.0.0.5:554/line", CameraSource.Rtsp, "rtsp://10.0.0.5:554/line")]
    [InlineData("v4l2: /dev/video2", CameraSource.V4l2, "/dev/video2")]
    [InlineData("v4l2: 0", CameraSource.V4l2, "0")]
    [InlineData("gstreamer: \"nvarguscamerasrc ! nvvidconv ! videoconvert ! appsink\"", CameraSource.GStreamer, "nvarguscamerasrc ! nvvidconv ! videoconvert ! appsink")]
    public void Parse_StreamCamera_KeepsItsAddress(string source, CameraSource kind, string location)
    {
        var camera = SiteFile.Parse(Robot + "    camera: { " + source + " }\n", File).Robot("c1")!.Camera!;

        Assert.Equal((kind, location, true), (camera.Source, camera.Location, camera.Streams));
    }

    [Fact]
    public void Parse_FolderCamera_ResolvesAgainstTheSiteFile()
    {
        var camera = SiteFile.Parse(Robot + "    camera: { folder: ../kinds }\n", File).Robot("c1")!.Camera!;

        Assert.Equal((CameraSource.Folder, RepositoryPaths.Of("robots", "kinds"), false), (camera.Source, camera.Location, camera.Streams));
    }

    [Fact]
    public void Parse_NoCamera_NeedsNoModels()
    {
        var site = SiteFile.Parse(Robot + "vision: { models: /no/such/folder }\n", File);

        Assert.Null(site.Robot("c1")!.Camera);
        Assert.Null(site.Settings.Vision);
    }

    [Theory]
    [InlineData("camera: webcam", "webcam", "'camera' must be 'synthetic' or a mapping")]
    [InlineData("camera: { rtsp: \"rtsp://h/s\", synthetic: { } }", "{", "a camera has exactly one source (synthetic, file, folder, rtsp, v4l2, gstreamer), not synthetic and rtsp")]
    [InlineData("camera: { }", "{", "not none")]
    [InlineData("camera: { synthetic: 3 }", "3", "'synthetic' takes its settings as a mapping")]
    [InlineData("camera: { synthetic: { noise: -1 } }", "-1", "'noise' must be from 0 to 100, not -1")]
    [InlineData("camera: { synthetic: { rotation: 60 } }", "60", "'rotation' must be from 0 to 45")]
    [InlineData("camera: { synthetic: { lighting: 1 } }", "1 }", "'lighting' must be from 0 to 0.9")]
    [InlineData("camera: { synthetic: { mislabel_rate: 1.5 } }", "1.5", "'mislabel_rate' must be from 0 to 1")]
    [InlineData("camera: { synthetic: { width: 10 } }", "10", "'width' must be a whole number from 64 to 4096")]
    [InlineData("camera: { synthetic: { label: \"\" } }", "\"\"", "'label' must be 1 to 64 characters")]
    [InlineData("camera: { synthetic: { colour: red } }", "colour", "unknown key 'colour'")]
    [InlineData("camera: { synthetic: { }, metres_per_pixel: 0 }", "0 }", "'metres_per_pixel' must be from")]
    [InlineData("camera: { rtsp: \"http://h/s\" }", "\"http", "must be a stream address such as rtsp://")]
    [InlineData("camera: { rtsp: \"rtsp://h/s\", live: true }", "live", "unknown key 'live'")]
    [InlineData("camera: { v4l2: /dev/sda }", "/dev/sda", "must be a device such as /dev/video0")]
    [InlineData("camera: { gstreamer: \"v4l2src ! videoconvert\" }", "\"v4l2src", "must end in appsink")]
    [InlineData("camera: { folder: no-such-folder }", "no-such-folder", "camera folder")]
    [InlineData("camera: { file: no-such-file.mp4 }", "no-such-file.mp4", "camera file")]
    public void Parse_BadCamera_NamesFileLineAndColumn(string camera, string at, string problem)
    {
        var line = "    " + camera;

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(Robot + line + "\n", File));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((File, 6, line.IndexOf(at, StringComparison.Ordinal) + 1), (error.File, (int)error.Line, (int)error.Column));
    }
}
