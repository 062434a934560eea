using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Robotics.Link;
using EdgeFactory.Runtime.Skills.Link;
using EdgeFactory.Runtime.Tests.Intake;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Skills.Link;

/// <summary>Robots on the robot link: a real edge runtime drives real <c>robot-sim</c> controllers through policies and the safety envelope.</summary>
[Collection(RobotLinkCollection.Name)]
public sealed class LinkedRobotTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    // Generous: these tests are about the tasks, and a test machine under load can starve the edge's control loop for
    // longer than a real controller's 50 ms without anything being wrong. The watchdog has its own tests.
    private const string WatchdogMs = "2000";

    private const string PickPlace = """{"taskId":"ID","taskType":"pick_place","robotId":"cell-1","parameters":{"part":"bracket","from_bin":3,"to_bin":12}}""";

    [Fact]
    public async Task PickPlace_OnTheLink_MovesArmAndGripperAndRecordsEnergy()
    {
        await using var cell = await LinkedCell.StartAsync(broker, "arm_reach_v1");

        await cell.Site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
        var final = await cell.Site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));

        var linked = cell.Site.Service<LinkedSite>();
        var diagnosis = string.Join("; ", linked.SafetyCounts().Select(c => $"{c.Controller} clamped {c.Clamped} held {c.Held}"))
            + " | " + string.Join(" ", Enum.GetValues<EdgeFactory.Robotics.Safety.SafetyReason>().Select(r => $"{r}={linked.Statistics("cell-1", "arm")!.Count(r)}"))
            + " | " + string.Join("; ", linked.Loops().Select(l => $"{l.Controller} cycles {l.Loop.Cycles} commands {l.Loop.Commands} chunks {l.Loop.ChunksTaken} hb {l.Loop.Heartbeats}"))
            + " | " + string.Join(" ", (await cell.Arm.StopAsync()).ToString());
        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Code} {final.Error?.Message} {diagnosis}");
        Assert.True(final.Result!["energy_wh"].GetDouble() > 0);
        await cell.Arm.WaitForAsync("connected");
        Assert.Empty(cell.Arm.Events("watchdog_brake"));
        // A reaching policy that works is seldom clamped: on time not at all; on a test machine busy with other test
        // processes up to about 7 % of its commands (acceleration limits, catching up); one that fights the envelope is
        // clamped on a quarter of its commands or more (EnvelopeFight).
        var (_, clamped, held) = Safety(cell.Site, "cell-1", "arm");
        var commands = linked.Loops().Single(l => l.Robot == "cell-1" && l.Controller == "arm").Loop.Commands;
        Assert.True(clamped + held <= commands / 8, diagnosis);
    }

    [Fact]
    public async Task EnergyFromAnIna3221_IsWhatTheTaskRecords()
    {
        var hwmon = Directory.CreateTempSubdirectory("ef-hwmon-").FullName;
        try
        {
            // A Jetson's power monitor as hwmon shows it: one rail at 12 V and 83.3 A, about 1 kW, far above what the plant reports.
            var monitor = Directory.CreateDirectory(Path.Combine(hwmon, "hwmon3")).FullName;
            File.WriteAllText(Path.Combine(monitor, "name"), "ina3221\n");
            File.WriteAllText(Path.Combine(monitor, "in1_label"), "VDD_IN\n");
            File.WriteAllText(Path.Combine(monitor, "in1_input"), "12000\n");
            File.WriteAllText(Path.Combine(monitor, "curr1_input"), "83333\n");
            await using var cell = await LinkedCell.StartAsync(broker, "arm_reach_v1", robotYaml: $"    energy: {{ ina3221: {{ hwmon: {hwmon} }} }}\n");

            await cell.Site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
            var final = await cell.Site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));

            Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
            Assert.True(final.Result!["energy_wh"].GetDouble() > 0.05, $"energy_wh {final.Result["energy_wh"]} is the monitor's kilowatt over the task, not the plant's tens of watts");
        }
        finally
        {
            Directory.Delete(hwmon, recursive: true);
        }
    }

    [Fact]
    public async Task DeliveredPolicyVersion_RunsFromTheNextTask()
    {
        await using var cell = await LinkedCell.StartAsync(broker, "arm_reach_v1");
        var package = Directory.CreateTempSubdirectory("ef-package-").FullName;
        try
        {
            File.Copy(RepositoryPaths.Of("models", "policy", "arm_reach_v2.onnx"), Path.Combine(package, "model.onnx"));
            var passport = new EdgeFactory.Contracts.Models.ModelPassport(
                1, "arm-reach", "2.0.0", "model.onnx", [], [], [], 17, "edgefactory-policies 1", new("test", "none", "test"), ["*"], DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);

            var provider = await cell.Site.Service<LinkedSite>().SwapAsync("arm_reach", package, passport, CancellationToken.None);
            await cell.Site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
            var final = await cell.Site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));

            Assert.Equal("cpu", provider);
            Assert.Equal("arm-reach@2.0.0", cell.Site.Service<LinkedSite>().Policies["arm_reach"].Version);
            Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
            Assert.True(cell.Site.Service<LinkedSite>().Statistics("cell-1", "arm")!.Count(EdgeFactory.Robotics.Safety.SafetyVerdict.Passed, EdgeFactory.Robotics.Safety.SafetyReason.None) > 0);
            var refused = await Assert.ThrowsAsync<EdgeFactory.Runtime.ModelDelivery.ModelSlotRefusedException>(() => cell.Site.Service<LinkedSite>().SwapAsync("no_such_policy", package, passport, CancellationToken.None));
            Assert.Equal("unknown_slot", refused.Code);

            // With no delivered version left to run, the slot goes back to the site file's own policy.
            var reset = await cell.Site.Service<LinkedSite>().ResetAsync("arm_reach", CancellationToken.None);
            Assert.Equal(("arm_reach", "arm_reach_v1"), (reset.ModelId, reset.Version));
            Assert.Equal("arm_reach_v1", cell.Site.Service<LinkedSite>().Policies["arm_reach"].Version);
        }
        finally
        {
            Directory.Delete(package, recursive: true);
        }
    }

    [Fact]
    public async Task OvershootingPolicy_IsClampedAndItsTaskFails()
    {
        await using var cell = await LinkedCell.StartAsync(broker, "arm_reach_v3");

        await cell.Site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
        var final = await cell.Site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));

        Assert.Equal(TaskState.Failed, final.State);
        Assert.Contains("fought the safety envelope", final.Error?.Message, StringComparison.Ordinal);
        Assert.True(Safety(cell.Site, "cell-1", "arm").Clamped > 0, "the envelope clamped the overshooting policy");
    }

    [Fact]
    public async Task EmergencyStop_FailsTheRunningTaskRefusesNewOnesUntilReset()
    {
        await using var cell = await LinkedCell.StartAsync(broker, "arm_reach_v1");
        var estop = cell.Site.Service<SiteEmergencyStop>();

        await cell.Site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
        await cell.Site.Mes.WaitForStateAsync("t1", TaskState.Started);
        estop.Press();
        var stopped = await cell.Site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(30));
        await cell.Arm.WaitForAsync("estop", e => e.GetProperty("asserted").GetBoolean());

        await cell.Site.Mes.SubmitAsync(PickPlace.Replace("ID", "t2", StringComparison.Ordinal));
        var refused = await cell.Site.Mes.WaitForFinalAsync("t2", TimeSpan.FromSeconds(30));

        Assert.Equal((TaskState.Failed, TaskErrorCodes.EmergencyStop), (stopped.State, stopped.Error?.Code));
        Assert.Equal((TaskState.Rejected, TaskErrorCodes.EmergencyStop), (refused.State, refused.Error?.Code));

        Assert.True(estop.Release());
        await cell.Site.Mes.SubmitAsync(PickPlace.Replace("ID", "t3", StringComparison.Ordinal));
        Assert.Equal(TaskState.Completed, (await cell.Site.Mes.WaitForFinalAsync("t3", TimeSpan.FromSeconds(60))).State);
    }

    [Fact]
    public async Task FaultyLink_DropsDelaysDuplicatesStaleAndCorruptDatagrams_TaskStillCompletesAndNoBadDatagramIsApplied()
    {
        string[] faults = ["--watchdog-ms", WatchdogMs, "--drop", "10", "--delay-ms", "20", "--duplicate", "10", "--stale", "10", "--corrupt", "10", "--seed", "7"];
        await using var cell = await LinkedCell.StartAsync(broker, "arm_reach_v1", armFlags: faults);

        await cell.Site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
        var final = await cell.Site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));
        var link = cell.Site.Service<LinkedSite>().LinkCounts("cell-1", "arm")!;

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
        Assert.True(link.Rejected(LinkRejection.Crc) > 0, "corrupt datagrams were refused");
        Assert.True(link.Rejected(LinkRejection.Duplicate) > 0, "duplicates were refused");
        Assert.True(link.Rejected(LinkRejection.Stale) > 0, "stale states were refused");
        Assert.True(link.Lost > 0, "dropped datagrams were counted as lost");
        Assert.Empty(cell.Arm.Events("watchdog_brake"));
    }

    [Theory]
    [InlineData("""{"taskId":"ID","taskType":"pick_place","robotId":"humanoid-1","parameters":{"part":"bracket","from_bin":3,"to_bin":12}}""")]
    [InlineData("""{"taskId":"ID","taskType":"kit","robotId":"humanoid-1","parameters":{"kit":"k1","parts":2}}""")]
    [InlineData("""{"taskId":"ID","taskType":"inspect","robotId":"humanoid-1","parameters":{"part":"bracket"}}""")]
    public async Task HumanoidTasks_OnTheLink_Complete(string task)
    {
        await using var arm = await RobotSimProcess.StartAsync("arm", "--watchdog-ms", WatchdogMs);
        await using var hand = await RobotSimProcess.StartAsync("gripper", "--watchdog-ms", WatchdogMs);
        await using var site = await SiteHarness.StartAsync(
            broker,
            $"  - id: humanoid-1\n    kind: humanoid\n    link: {{ arm: {arm.Address}, hand: {hand.Address} }}\n    simulation: {{ step_time: 5ms, jitter: 0 }}\n",
            Policies("arm_reach_v1"));

        await site.Mes.SubmitAsync(task.Replace("ID", "t1", StringComparison.Ordinal));
        var final = await site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Code} {final.Error?.Message}");
    }

    [Theory]
    [InlineData("""{"taskId":"ID","taskType":"sort","robotId":"cell-1","parameters":{"count":1}}""")]
    public async Task CellTasks_OnTheLink_Complete(string task)
    {
        await using var cell = await LinkedCell.StartAsync(broker, "arm_reach_v1");

        await cell.Site.Mes.SubmitAsync(task.Replace("ID", "t1", StringComparison.Ordinal));
        var final = await cell.Site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Code} {final.Error?.Message}");
    }

    [Fact]
    public async Task Transfer_OnTheLink_RunsTheBeltUntilAnItemReachesTheGate()
    {
        await using var belt = await RobotSimProcess.StartAsync("conveyor", "--item-every-ms", "500");
        await using var site = await SiteHarness.StartAsync(broker, $"  - id: conveyor-1\n    kind: conveyor\n    link: {belt.Address}\n");

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"transfer","parameters":{"from_station":1,"to_station":2}}""");
        var final = await site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
    }

    [Fact]
    public async Task Index_OnTheLink_RunsTheBeltByPitches()
    {
        await using var belt = await RobotSimProcess.StartAsync("conveyor");
        await using var site = await SiteHarness.StartAsync(broker, $"  - id: conveyor-1\n    kind: conveyor\n    link: {belt.Address}\n");

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"index","parameters":{"pitches":2}}""");
        var final = await site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(30));

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
    }

    /// <summary>A pick-and-place cell on two real robot-sim controllers, and an edge runtime driving it with <c>arm_reach</c> = the policy given.</summary>
    private sealed class LinkedCell(RobotSimProcess arm, RobotSimProcess gripper, SiteHarness site) : IAsyncDisposable
    {
        public RobotSimProcess Arm => arm;

        public SiteHarness Site => site;

        public static async Task<LinkedCell> StartAsync(BrokerFixture broker, string armPolicy, string robotYaml = "", string[]? armFlags = null)
        {
            var arm = await RobotSimProcess.StartAsync("arm", armFlags ?? ["--watchdog-ms", WatchdogMs]);
            var gripper = await RobotSimProcess.StartAsync("gripper", "--watchdog-ms", WatchdogMs);
            try
            {
                return new LinkedCell(arm, gripper, await SiteHarness.StartAsync(broker, Cell(arm, gripper) + robotYaml, Policies(armPolicy)));
            }
            catch
            {
                await gripper.DisposeAsync();
                await arm.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await site.DisposeAsync();
            await gripper.DisposeAsync();
            await arm.DisposeAsync();
        }
    }

    private static string Cell(RobotSimProcess arm, RobotSimProcess gripper) =>
        $"  - id: cell-1\n    kind: pick_place_cell\n    link: {{ arm: {arm.Address}, gripper: {gripper.Address} }}\n    simulation: {{ step_time: 5ms, jitter: 0 }}\n";

    private static string Policies(string arm) =>
        $"policies:\n  arm_reach: {RepositoryPaths.Of("models", "policy", arm + ".onnx")}\n  gripper: {RepositoryPaths.Of("models", "policy", "gripper_v1.onnx")}\n";

    private static (string Controller, long Clamped, long Held) Safety(SiteHarness site, string robot, string controller)
    {
        var counts = site.Service<LinkedSite>().SafetyCounts().Single(c => c.Robot == robot && c.Controller == controller);
        return (counts.Controller, counts.Clamped, counts.Held);
    }
}
