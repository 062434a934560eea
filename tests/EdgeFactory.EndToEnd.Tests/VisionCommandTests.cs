using System.Text.Json;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

public sealed class VisionCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-vision-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ocr_Json_ReadsTheLabelWithBoxesConfidenceAndStageTimes()
    {
        var image = VisionData.Images[0];

        var (code, output, error) = await CliProcess.RunAsync("vision", "ocr", image.Path, "--json", "--threads", "1");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var read = json.RootElement.GetProperty("images")[0];
        var lines = read.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(image.Lines[0], lines[0].GetProperty("text").GetString());
        Assert.Equal(4, lines[0].GetProperty("box").GetArrayLength());
        Assert.InRange(lines[0].GetProperty("confidence").GetDouble(), 0.5, 1.0);
        Assert.True(read.GetProperty("stageMs").TryGetProperty("detection", out _));
    }

    [Fact]
    public async Task Ocr_UnreadableImage_ExitsTwoWithTheCodeAndReadsTheOthers()
    {
        var bad = Path.Combine(_folder, "bad.png");
        await File.WriteAllTextAsync(bad, "not an image");

        var (code, output, error) = await CliProcess.RunAsync("vision", "ocr", bad, VisionData.Images[0].Path, "--threads", "1");

        Assert.Equal(2, code);
        Assert.Contains("[UnreadableImage]", error, StringComparison.Ordinal);
        Assert.Contains(VisionData.Images[0].Lines[0], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_Json_ReportsLatencyThroughputAndStages()
    {
        foreach (var image in VisionData.Images.Take(2))
        {
            File.Copy(image.Path, Path.Combine(_folder, Path.GetFileName(image.Path)));
        }

        var (code, output, error) = await CliProcess.RunAsync("vision", "bench", _folder, "--rounds", "1", "--warmup", "1", "--threads", "1", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("images").GetInt32());
        Assert.True(json.RootElement.GetProperty("imagesPerSecond").GetDouble() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("stageBytesPerImage").GetProperty("detection").GetDouble());
    }

    [Fact]
    public async Task Bench_FolderWithoutImages_ExitsTwo()
    {
        var (code, _, error) = await CliProcess.RunAsync("vision", "bench", _folder);

        Assert.Equal(2, code);
        Assert.Contains("[CameraUnavailable]", error, StringComparison.Ordinal);
    }
}
