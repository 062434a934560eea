using EdgeFactory.Testing;
using EdgeFactory.Vision.Ocr;
using OpenCvSharp;
using Xunit.Abstractions;

namespace EdgeFactory.Vision.Tests.Ocr;

public sealed class OcrPipelineTests(OcrFixture fixture, ITestOutputHelper output) : IClassFixture<OcrFixture>
{
    /// <summary>Codes are compared without spaces: the recognizer drops the space between "BATCH" and its number on some fonts, and spacing is no part of a code.</summary>
    private static string Squeeze(string text) => text.Replace(" ", string.Empty, StringComparison.Ordinal);

    [Fact]
    public void Read_RenderedLabels_MatchTheGroundTruth()
    {
        var rates = new Dictionary<string, (int Exact, int Total)>();
        var strict = 0;
        foreach (var image in VisionData.Images)
        {
            var read = fixture.Pipeline.Read(image.Path).Lines.Select(l => l.Text).ToArray();
            var match = read.Select(Squeeze).SequenceEqual(image.Lines.Select(Squeeze));
            strict += read.SequenceEqual(image.Lines) ? 1 : 0;
            var (exact, total) = rates.GetValueOrDefault(image.Subset);
            rates[image.Subset] = (exact + (match ? 1 : 0), total + 1);
            if (!match)
            {
                output.WriteLine($"{Path.GetFileName(image.Path)}: expected [{string.Join(" | ", image.Lines)}], read [{string.Join(" | ", read)}]");
            }
        }

        foreach (var (subset, (exact, total)) in rates)
        {
            output.WriteLine($"{subset}: {exact}/{total} exact ({100.0 * exact / total:F1} %)");
        }

        output.WriteLine($"all, spaces included: {strict}/{VisionData.Images.Count}");
        var clean = rates["clean"];
        Assert.True(clean.Exact >= 0.95 * clean.Total, $"clean subset: {clean.Exact}/{clean.Total} exact, below 95 %");
    }

    [Fact]
    public void Read_Lines_ComeInReadingOrderWithBoxesOnTheLabel()
    {
        var image = VisionData.Images[0];

        var lines = fixture.Pipeline.Read(image.Path).Lines;

        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].Box.Bottom <= lines[1].Box.Top + 2, "the part number's box lies above the batch code's");
        Assert.All(lines, l => Assert.InRange(l.Confidence, 0.5f, 1f));
    }

    [Fact]
    public void PreprocessAndInference_SteadyState_AllocateNoManagedMemory()
    {
        using var image = Images.Read(VisionData.Images[0].Path);
        using var line = new Mat(image, new Rect(200, 170, 230, 40));
        var detector = fixture.Pipeline.Detector;
        var recognizer = fixture.Pipeline.Recognizer;
        for (var i = 0; i < 2; i++)
        {
            detector.Prepare(image);
            detector.Run();
            recognizer.Prepare(line);
            recognizer.Run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3; i++)
        {
            detector.Prepare(image);
            detector.Run();
            recognizer.Prepare(line);
            recognizer.Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Read_MissingFile_IsUnreadableImage()
    {
        var e = Assert.Throws<VisionException>(() => fixture.Pipeline.Read("/nonexistent/label.png"));

        Assert.Equal(VisionErrorCode.UnreadableImage, e.Code);
    }

    [Fact]
    public void Read_FileThatIsNoImage_IsUnreadableImage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ef-not-an-image-{Guid.NewGuid():N}.png");
        File.WriteAllText(path, "this is text, not a PNG");
        try
        {
            var e = Assert.Throws<VisionException>(() => fixture.Pipeline.Read(path));

            Assert.Equal(VisionErrorCode.UnreadableImage, e.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_ZeroByteFile_IsEmptyImage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ef-empty-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, []);
        try
        {
            var e = Assert.Throws<VisionException>(() => fixture.Pipeline.Read(path));

            Assert.Equal(VisionErrorCode.EmptyImage, e.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_ZeroSizeImage_IsEmptyImage()
    {
        using var empty = new Mat(0, 0, MatType.CV_8UC3);

        var e = Assert.Throws<VisionException>(() => fixture.Pipeline.Read(empty));

        Assert.Equal(VisionErrorCode.EmptyImage, e.Code);
    }

    [Fact]
    public void Read_BlankImage_ReadsNothing()
    {
        using var blank = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(128));

        Assert.Empty(fixture.Pipeline.Read(blank).Lines);
    }

    [Fact]
    public void Create_CharacterListOfAnotherModel_IsCharacterListMismatch()
    {
        var list = Path.Combine(Path.GetTempPath(), $"ef-keys-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(list, ["A", "B", "C"]);
        try
        {
            var e = Assert.Throws<VisionException>(() => OcrPipeline.Create(OcrFixture.Options with { CharacterList = list }));

            Assert.Equal(VisionErrorCode.CharacterListMismatch, e.Code);
        }
        finally
        {
            File.Delete(list);
        }
    }
}
