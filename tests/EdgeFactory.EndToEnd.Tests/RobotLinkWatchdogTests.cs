using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Testing;

namespace EdgeFactory.EndToEnd.Tests;

/// <summary>The edge as a child process driving real <c>robot-sim</c> controllers, killed the hard way mid-motion.</summary>
public sealed class RobotLinkWatchdogTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ef-watchdog-").FullName;

    [Fact]
    public async Task EdgeKilledMidMotion_ControllerBrakesOnItsWatchdog()
    {
        // 200 ms rather than a real controller's 50: an edge starved of CPU on a loaded test machine must not trip the
        // watchdog before the kill, or the task fails before it reaches the move this test interrupts.
        await using var arm = await RobotSimProcess.StartAsync("arm", "--watchdog-ms", "200");
        await using var gripper = await RobotSimProcess.StartAsync("gripper", "--watchdog-ms", "200");
        var site = Path.Combine(_folder, "wd.yaml");
        File.WriteAllText(site, $$"""
            site: wd
            device: d1
            kinds: {{RepositoryPaths.Of("robots", "kinds")}}
            robots:
              - id: cell-1
                kind: pick_place_cell
                link: { arm: {{arm.Address}}, gripper: {{gripper.Address}} }
                simulation: { step_time: 5ms, jitter: 0 }
            policies:
              arm_reach: {{RepositoryPaths.Of("models", "policy", "arm_reach_v1.onnx")}}
              gripper: {{RepositoryPaths.Of("models", "policy", "gripper_v1.onnx")}}
            """);
        await using var mes = await MesProbe.ConnectAsync(fixture.ClientOptions("mes-wd"), "wd");
        await using var edge = CliProcess.Start("edge", "run", "--site", site, "--broker", fixture.Broker.Url, "--data", Path.Combine(_folder, "data"));
        await edge.WaitForLineAsync("ready site=wd");

        await mes.SubmitAsync("""{"taskId":"t1","taskType":"pick_place","robotId":"cell-1","parameters":{"part":"bracket","from_bin":20,"to_bin":1}}""");
        // Once the task is placing, the arm has reached the first bin under the edge's commands and is on its way to the
        // other: mid-motion.
        await mes.WaitForAsync("t1", s => s.State == TaskState.Step && s.Step?.Name == "place", "the place step");
        await edge.KillAsync();

        var brake = await arm.WaitForAsync("watchdog_brake");
        var exit = await arm.StopAsync();

        Assert.True(brake.GetProperty("silent_ms").GetDouble() >= 200, $"braked after {brake.GetProperty("silent_ms")} ms of silence");
        Assert.True(exit.GetProperty("applied").GetInt64() > 0, "the arm moved under the edge's commands before the kill");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
