using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Skills.Vision;
using EdgeFactory.Runtime.Tests.Intake;
using EdgeFactory.Testing;
using EdgeFactory.Vision.Frames;
using OpenCvSharp;

namespace EdgeFactory.Runtime.Tests.Skills.Vision;

/// <summary>
/// <c>vision.inspect</c> and <c>vision.locate</c> of a robot with a camera: a real edge on a real broker reads labels from
/// the synthetic camera (or an image folder) with the real PP-OCR models on ONNX Runtime and OpenCV.
/// </summary>
public sealed class VisionSkillTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const string Part = "PN-4821-A7";
    private const string Picture = "noise: 4, blur: 0.6, rotation: 5, lighting: 0.15";

    private static string Vision => $"vision: {{ models: {TestModels.OcrFolder}, threads: 1 }}\n";

    [Fact]
    public async Task Sort_PartLabelMatches_TakesThePassPath()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell($"{{ synthetic: {{ {Picture} }} }}"));

        var final = await SortAsync(site, "t1", Part);

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
        Assert.Equal("pass", final.Result!["verdict"].GetString());
        Assert.Equal(0, final.Result["defects"].GetInt64());
        Assert.Equal(Part, final.Result["label"].GetString());
        Assert.InRange(final.Result["confidence"].GetDouble(), 0.5, 1);
    }

    [Fact]
    public async Task Sort_MislabelledPart_TakesTheRejectPath()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell($"{{ synthetic: {{ {Picture}, mislabel_rate: 1 }} }}"), Vision);

        var final = await SortAsync(site, "t1", Part);

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
        Assert.Equal("reject", final.Result!["verdict"].GetString());
        Assert.Equal(1, final.Result["defects"].GetInt64());
        var label = final.Result["label"].GetString()!;
        Assert.NotEqual(Part, label);
        Assert.StartsWith("PN-4821-A", label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PickPlace_Locate_ReturnsTheLabelBoxInsideTheImage()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell($"{{ synthetic: {{ {Picture} }}, metres_per_pixel: 0.001 }}"), Vision);

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"pick_place","robotId":"cell-1","parameters":{"part":"PN-5530-K2","from_bin":3,"to_bin":12}}""");
        var final = await site.Mes.WaitForFinalAsync("t1");

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
        var result = final.Result!;
        var (x, y, w, h) = (result["centre_x"].GetDouble(), result["centre_y"].GetDouble(), result["box_width"].GetDouble(), result["box_height"].GetDouble());
        Assert.Equal("PN-5530-K2", result["label"].GetString());
        Assert.True(w > 0 && h > 0 && x - (w / 2) >= 0 && x + (w / 2) <= 320 && y - (h / 2) >= 0 && y + (h / 2) <= 240, $"box {x},{y} {w}x{h} in 320x240");
        Assert.InRange(result["angle"].GetDouble(), -6, 6);
        Assert.Equal((x - 160) * 0.001, result["x"].GetDouble(), 4);
        Assert.Equal((120 - y) * 0.001, result["y"].GetDouble(), 4);
    }

    [Fact]
    public async Task Locate_PartNotInView_FailsItsAttemptsAndTheFlowHomesTheArm()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell("{ synthetic: { label: PN-5530-K2 } }"), Vision);

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"pick_place","robotId":"cell-1","parameters":{"part":"PN-9999-X9","from_bin":3,"to_bin":12}}""");
        var final = await site.Mes.WaitForFinalAsync("t1");

        Assert.Equal((TaskState.Failed, TaskErrorCodes.StepFailed), (final.State, final.Error?.Code));
        Assert.Contains("part 'PN-9999-X9' in view (read 'PN-5530-K2'", final.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(site.Mes.StatusesOf("t1"), s => s.Step?.Name == "home");
    }

    [Fact]
    public async Task CameraThatDisappears_FailsTheTaskWithCameraLostAndTheRobotRunsTheNextTask()
    {
        var folder = Directory.CreateTempSubdirectory("ef-camera-").FullName;
        var images = WriteLabelImages(folder, Part, 2);
        await using var site = await SiteHarness.StartAsync(broker, Cell($"{{ folder: {folder} }}"), Vision);

        Assert.Equal("pass", (await SortAsync(site, "t1", Part)).Result!["verdict"].GetString());

        foreach (var image in images)
        {
            File.Delete(image);
        }

        var lost = await SortAsync(site, "t2", Part);
        Assert.Equal((TaskState.Failed, TaskErrorCodes.StepFailed), (lost.State, lost.Error?.Code));
        Assert.Contains("vision.inspect: camera_lost:", lost.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(site.Mes.StatusesOf("t2"), s => s.Step?.Name == "home");
        Assert.Equal(1, site.Service<SiteVision>().Failures("camera_lost"));

        WriteLabelImages(folder, Part, 2);
        var next = await SortAsync(site, "t3", Part);
        Assert.True(next.State == TaskState.Completed, $"{next.State}: {next.Error?.Message}");
        Assert.Equal("pass", next.Result!["verdict"].GetString());
    }

    private static string Cell(string camera) =>
        $"  - id: cell-1\n    kind: pick_place_cell\n    simulation: {{ step_time: 5ms, jitter: 0 }}\n    camera: {camera}\n";

    private static async Task<TaskStatusMessage> SortAsync(SiteHarness site, string taskId, string part)
    {
        await site.Mes.SubmitAsync("{\"taskId\":\"" + taskId + "\",\"taskType\":\"sort\",\"robotId\":\"cell-1\",\"parameters\":{\"part\":\"" + part + "\"}}");
        return await site.Mes.WaitForFinalAsync(taskId);
    }

    private static string[] WriteLabelImages(string folder, string label, int count)
    {
        using var camera = new SyntheticCamera(new SyntheticCameraOptions { Width = 320, Height = 240, Labels = [label], Noise = 3, MaxRotationDegrees = 4 });
        using var frame = new Frame();
        var files = new string[count];
        for (var i = 0; i < count; i++)
        {
            camera.TryRead(frame);
            files[i] = Path.Combine(folder, $"frame-{i}.png");
            Cv2.ImWrite(files[i], frame.Image);
        }

        return files;
    }
}
