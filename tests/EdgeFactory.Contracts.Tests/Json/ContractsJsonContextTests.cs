using System.Text.Json;
using EdgeFactory.Contracts.Devices;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Contracts.Robots;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Contracts.Telemetry;

namespace EdgeFactory.Contracts.Tests.Json;

public sealed class ContractsJsonContextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 13, 0, 0, 120, TimeSpan.Zero);

    public static TheoryData<object> Messages() => new()
    {
        new TaskSubmitMessage("WO-1", "pick_place", "cell-1", 7, At, new Dictionary<string, JsonElement>
        {
            ["part"] = JsonSerializer.SerializeToElement("bracket-a"),
            ["from_bin"] = JsonSerializer.SerializeToElement(3),
        }),
        new TaskSubmitMessage("WO-2", "transfer"),
        new TaskCancelMessage("WO-1", "order withdrawn"),
        new TaskStatusMessage("WO-1", TaskState.Step, 4, At, "cell-1", new TaskStepInfo("grasp", 1, 4)),
        new TaskStatusMessage("WO-1", TaskState.Completed, 8, At, "cell-1", Result: new Dictionary<string, JsonElement> { ["placed"] = JsonSerializer.SerializeToElement(true) }),
        new TaskStatusMessage("WO-9", TaskState.Rejected, 1, At, Error: new TaskError(TaskErrorCodes.UnknownRobot, "no such robot")),
        new RobotStateMessage("cell-1", "pick_place_cell", RobotMode.Faulted, At, "WO-1", [new RobotFault("link_lost", "Robot link lost.", At)]),
        new DeviceOnlineMessage("jetson-1", DevicePresence.Online, "0.1.0", At),
        new DeviceOnlineMessage("jetson-1", DevicePresence.Offline, "0.1.0"),
        new DesiredModelSetMessage("jetson-1", 3, [new ModelAssignment("vision.detector", "ppocr-det", "4.0.1", new string('a', 64), "https://factory.example/models/ppocr-det/4.0.1")], new DetachedSignature("factory-2026", "ecdsa-p256-sha256", "c2ln")),
        new ReportedStateMessage("jetson-1", 3, [new RunningModel("vision.detector", "ppocr-det", "4.0.1", "cpu")], true, At),
        new RevocationListMessage(2, [new ModelRevocation("ppocr-det", "4.0.0", "regressed tasks/hour", At)], new DetachedSignature("factory-2026", "ecdsa-p256-sha256", "c2ln")),
        new TelemetryWindowMessage("jetson-1", "line3", 7, At, At.AddSeconds(10), [new RobotWindow("cell-1", "pick@1.4.0", 3, 1, 1080, 2, new LatencySummary(3, 410, 880, 880, 910), new LatencySummary(3, 1.5, 2, 2, 2.5), 0.4, 7500)], 0, 1),
        new TelemetryWindowMessage("jetson-1", "line3", 120, At, At.AddMinutes(10), [new RobotWindow("belt-1", "none", 0, 1, 0, 0)], 1, 8640, new WindowSummary(61, 60)),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Serialize_ThenDeserialize_GivesAnEqualMessage(object message)
    {
        var info = ContractsJsonContext.Default.GetTypeInfo(message.GetType())!;
        var json = JsonSerializer.Serialize(message, info);
        var back = JsonSerializer.Deserialize(json, info)!;

        // Records with collections compare by reference, so compare the canonical JSON instead.
        Assert.Equal(json, JsonSerializer.Serialize(back, info));
        Assert.Equal(message.GetType(), back.GetType());
    }

    [Fact]
    public void Serialize_TaskStatus_UsesDocumentedNames()
    {
        var json = JsonSerializer.Serialize(
            new TaskStatusMessage("WO-1", TaskState.Rejected, 1, At, Error: new TaskError("unknown_robot", "x")),
            ContractsJsonContext.Default.TaskStatusMessage);

        Assert.Equal("""{"taskId":"WO-1","state":"rejected","sequence":1,"at":"2026-11-22T13:00:00.12+00:00","error":{"code":"unknown_robot","message":"x"}}""", json);
    }

    [Theory]
    [InlineData("""{"taskId":"WO-1","state":"exploded","sequence":1,"at":"2026-11-22T13:00:00Z"}""")]
    [InlineData("""{"taskId":"WO-1","state":2,"sequence":1,"at":"2026-11-22T13:00:00Z"}""")]
    [InlineData("""{"state":"accepted","sequence":1,"at":"2026-11-22T13:00:00Z"}""")]
    [InlineData("""{"taskId":null,"state":"accepted","sequence":1,"at":"2026-11-22T13:00:00Z"}""")]
    [InlineData("""{"taskId":"a","taskId":"b","state":"accepted","sequence":1,"at":"2026-11-22T13:00:00Z"}""")]
    public void Deserialize_InvalidStatus_Throws(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, ContractsJsonContext.Default.TaskStatusMessage));
    }

    [Fact]
    public void TaskState_Final_AreExactlyTheDocumentedOnes()
    {
        var final = Enum.GetValues<TaskState>().Where(s => s.IsFinal()).ToArray();

        Assert.Equal([TaskState.Rejected, TaskState.Completed, TaskState.Failed, TaskState.Cancelled], final);
    }
}
