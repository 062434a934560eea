using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Telemetry;
using EdgeFactory.Runtime.Tests.Intake;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Telemetry;

/// <summary>Telemetry fed by a real site: tasks through the intake, robots and status chain show up in the window.</summary>
public sealed class SiteTelemetryTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const string Conveyors = "  - id: conveyor-1\n    kind: conveyor\n    simulation: { step_time: 1ms, jitter: 0 }\n";

    [Fact]
    public async Task Window_CountsTheSitesTasks()
    {
        await using var site = await SiteHarness.StartAsync(broker, Conveyors, telemetry: new TelemetryOptions { Window = TimeSpan.FromDays(1) });
        for (var i = 0; i < 5; i++)
        {
            await site.Mes.SubmitAsync($$"""{"taskId":"t{{i}}","taskType":"index"}""");
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TaskState.Completed, (await site.Mes.WaitForFinalAsync($"t{i}")).State);
        }

        var window = site.Service<TelemetryAgent>().CloseWindow()!;

        var robot = Assert.Single(window.Robots);
        Assert.Equal(("conveyor-1", "none", 5L, 0L), (robot.RobotId, robot.ModelVersion, robot.TasksCompleted, robot.TasksFailed));
        Assert.True(robot.TasksPerHour > 0);
        Assert.Equal(5, robot.CycleTimeMs!.Count);
        Assert.Equal(5, robot.AcceptLatencyMs!.Count);
        Assert.Equal(1, window.Sequence);
    }
}
