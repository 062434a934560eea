using EdgeFactory.Runtime.Sites;
using EdgeFactory.Runtime.Yaml;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Sites;

public sealed class VisionSectionTests
{
    private const string Robot = "site: s1\ndevice: d1\nrobots:\n  - id: c1\n    kind: pick_place_cell\n    camera: synthetic\n";

    private static string File => RepositoryPaths.Of("robots", "sites", "inline.yaml");

    [Fact]
    public void Parse_VisionSection_NamesModelsClassifierAndThreads()
    {
        var vision = SiteFile.Parse(Robot + "vision:\n  models: ../../models/ppocr\n  cls: true\n  threads: 2\n  min_confidence: 0.6\n", File).Settings.Vision!;

        Assert.Equal(RepositoryPaths.Of("models", "ppocr", "ch_PP-OCRv4_rec_infer.onnx"), vision.RecognitionModel);
        Assert.Equal(RepositoryPaths.Of("models", "ppocr", "ppocr_keys_v1.txt"), vision.CharacterList);
        Assert.Equal(RepositoryPaths.Of("models", "ppocr", "ch_ppocr_mobile_v2.0_cls_infer.onnx"), vision.ClassifierModel);
        Assert.Equal((2, 0.6f), (vision.Session.IntraOpThreads, vision.MinConfidence));
    }

    [Theory]
    [InlineData("vision: { models: /no/such/folder }", "/no/such", "the OCR file '/no/such/folder/ch_PP-OCRv4_det_infer.onnx' that robot cameras read labels with does not exist")]
    [InlineData("vision: { rec: missing.onnx }", "missing.onnx", "missing.onnx' that robot cameras read labels with does not exist")]
    [InlineData("vision: { cls: missing-cls.onnx }", "missing-cls.onnx", "does not exist")]
    [InlineData("vision: { threads: 100 }", "100", "'threads' must be a whole number from 0 to 64")]
    [InlineData("vision: { min_confidence: 2 }", "2 }", "'min_confidence' must be from 0 to 1")]
    [InlineData("vision: { detector: x.onnx }", "detector", "unknown key 'detector'")]
    [InlineData("vision: pinned", "pinned", "'vision' must be a mapping")]
    public void Parse_BadVision_NamesFileLineAndColumn(string vision, string at, string problem)
    {
        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(Robot + vision + "\n", File));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((7, vision.IndexOf(at, StringComparison.Ordinal) + 1), ((int)error.Line, (int)error.Column));
    }

    [Fact]
    public void Parse_CameraWhereThePinnedModelsAreMissing_PointsAtTheCamera()
    {
        // robots/kinds and robots/sites of a checkout without models/ppocr.
        var root = Directory.CreateTempSubdirectory("ef-vision-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "robots", "kinds"));
        Directory.CreateDirectory(Path.Combine(root, "robots", "sites"));
        System.IO.File.Copy(RepositoryPaths.Of("robots", "kinds", "pick_place_cell.yaml"), Path.Combine(root, "robots", "kinds", "pick_place_cell.yaml"));

        var error = Assert.Throws<YamlFileException>(() => SiteFile.Parse(Robot, Path.Combine(root, "robots", "sites", "site.yaml")));

        Assert.Contains($"'{Path.Combine(root, "models", "ppocr", "ch_PP-OCRv4_det_infer.onnx")}' that robot cameras read labels with does not exist; `make deps` installs the pinned models", error.Problem, StringComparison.Ordinal);
        Assert.Equal((6, 13), ((int)error.Line, (int)error.Column));
    }

    [Fact]
    public void Parse_NoVisionSection_TakesThePinnedModelsBesideTheKindsFolder()
    {
        var folder = Directory.CreateTempSubdirectory("ef-vision-").FullName;
        var yaml = $"site: s1\ndevice: d1\nkinds: {RepositoryPaths.Of("robots", "kinds")}\nrobots:\n  - id: c1\n    kind: pick_place_cell\n    camera: synthetic\n";

        var vision = SiteFile.Parse(yaml, Path.Combine(folder, "site.yaml")).Settings.Vision!;

        Assert.Equal(RepositoryPaths.Of("models", "ppocr", "ch_PP-OCRv4_det_infer.onnx"), vision.DetectionModel);
    }
}
