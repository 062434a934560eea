using System.Text;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Mqtt;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Intake;

public sealed class TaskIntakeTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const string Cell = "  - id: cell-1\n    kind: pick_place_cell\n    simulation: { step_time: 5ms, jitter: 0 }\n";
    private const string Conveyor = "  - id: conveyor-1\n    kind: conveyor\n    simulation: { step_time: 5ms, jitter: 0 }\n";
    private const string PickPlace = """{"taskId":"ID","taskType":"pick_place","robotId":"cell-1","parameters":{"part":"bracket","from_bin":3,"to_bin":12}}""";

    [Fact]
    public async Task Submit_Valid_AcceptedQueuedStartedStepsCompleted()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);

        await site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
        var completed = await site.Mes.WaitForStateAsync("t1", TaskState.Completed);

        var statuses = site.Mes.StatusesOf("t1");
        Assert.Equal(
            [TaskState.Accepted, TaskState.Queued, TaskState.Started, TaskState.Step, TaskState.Step, TaskState.Step, TaskState.Completed],
            statuses.Select(s => s.State));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), statuses.Select(s => s.Sequence));
        Assert.Equal(["locate", "pick", "place"], statuses.Where(s => s.Step is not null).Select(s => s.Step!.Name));
        Assert.All(statuses.Where(s => s.Step is not null), s => Assert.Equal(3, s.Step!.Count));
        Assert.Equal("cell-1", completed.RobotId);
    }

    [Fact]
    public async Task Submit_WithResponseTopic_StatusesAlsoGoThereWithCorrelationData()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);

        await site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal), new MqttMessageProperties { ResponseTopic = site.Mes.ReplyTopic, CorrelationData = new byte[] { 7, 7 } });
        await site.Mes.WaitForStateAsync("t1", TaskState.Completed);

        await Eventually.TrueAsync(() => site.Mes.Responses.Any(r => r.Status.State == TaskState.Completed), "completed on the response topic");
        Assert.All(site.Mes.Responses, r => Assert.Equal(new byte[] { 7, 7 }, r.Correlation));
    }

    [Fact]
    public async Task Submit_NoRobotId_RoutesToARobotThatCanDoIt()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell + Conveyor);

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"index"}""");
        var done = await site.Mes.WaitForStateAsync("t1", TaskState.Completed);

        Assert.Equal("conveyor-1", done.RobotId);
    }

    [Fact]
    public async Task Submit_NoRobotId_RoutesOnlyToRobotsWhoseRangesFit()
    {
        // Both do pick_place, but only the humanoid has bin 40.
        await using var site = await SiteHarness.StartAsync(broker, Cell + "  - id: humanoid-1\n    kind: humanoid\n    simulation: { step_time: 5ms, jitter: 0 }\n");

        for (var i = 0; i < 4; i++)
        {
            await site.Mes.SubmitAsync("{\"taskId\":\"t" + i + "\",\"taskType\":\"pick_place\",\"parameters\":{\"part\":\"a\",\"from_bin\":40,\"to_bin\":1}}");
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("humanoid-1", (await site.Mes.WaitForStateAsync($"t{i}", TaskState.Completed)).RobotId);
        }
    }

    [Fact]
    public async Task Submit_SameIdSameContent_RepeatsStatusAndNeverRunsTwice()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);
        var json = PickPlace.Replace("ID", "t1", StringComparison.Ordinal);
        await site.Mes.SubmitAsync(json);
        await site.Mes.WaitForStateAsync("t1", TaskState.Completed);

        // Same content with fields in another order and the default priority spelt out.
        await site.Mes.SubmitAsync("""{"priority":5,"parameters":{"to_bin":12,"from_bin":3,"part":"bracket"},"robotId":"cell-1","taskType":"pick_place","taskId":"t1"}""");
        await Eventually.TrueAsync(() => site.Mes.StatusesOf("t1").Count(s => s.State == TaskState.Completed) == 2, "completed repeated");

        Assert.Single(site.Mes.StatusesOf("t1"), s => s.State == TaskState.Started);
        Assert.Equal(1, site.Counters.AcceptedCount);
    }

    [Fact]
    public async Task Submit_Priorities_HigherRunsFirst()
    {
        await using var site = await SiteHarness.StartAsync(broker, "  - id: cell-1\n    kind: pick_place_cell\n    simulation: { step_time: 150ms, jitter: 0 }\n");
        await site.Mes.SubmitAsync(PickPlace.Replace("ID", "first", StringComparison.Ordinal));
        await site.Mes.WaitForStateAsync("first", TaskState.Started);

        await site.Mes.SubmitAsync("""{"taskId":"low","taskType":"pick_place","priority":1,"parameters":{"part":"a","from_bin":1,"to_bin":2}}""");
        await site.Mes.SubmitAsync("""{"taskId":"high","taskType":"pick_place","priority":9,"parameters":{"part":"a","from_bin":1,"to_bin":2}}""");
        await site.Mes.WaitForStateAsync("low", TaskState.Queued);
        await site.Mes.WaitForStateAsync("high", TaskState.Queued);
        var low = await site.Mes.WaitForStateAsync("low", TaskState.Started, TimeSpan.FromMinutes(1));
        var high = await site.Mes.WaitForStateAsync("high", TaskState.Started);

        Assert.True(high.At < low.At, $"high started {high.At:O}, low {low.At:O}");
    }

    [Fact]
    public async Task Submit_DeadlinePassedBeforeStart_FailsWithDeadlineExpired()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);

        await site.Mes.SubmitAsync("""{"taskId":"late","taskType":"pick_place","deadline":"2020-01-01T00:00:00Z","parameters":{"part":"a","from_bin":1,"to_bin":2}}""");
        var failed = await site.Mes.WaitForFinalAsync("late");

        Assert.Equal((TaskState.Failed, TaskErrorCodes.DeadlineExpired), (failed.State, failed.Error!.Code));
        Assert.DoesNotContain(site.Mes.StatusesOf("late"), s => s.State == TaskState.Started);
    }

    [Fact]
    public async Task Cancel_QueuedTask_CancelledWithoutStarting()
    {
        await using var site = await SiteHarness.StartAsync(broker, "  - id: cell-1\n    kind: pick_place_cell\n    simulation: { step_time: 300ms, jitter: 0 }\n");
        await site.Mes.SubmitAsync(PickPlace.Replace("ID", "busy", StringComparison.Ordinal));
        await site.Mes.SubmitAsync(PickPlace.Replace("ID", "waiting", StringComparison.Ordinal));
        await site.Mes.WaitForStateAsync("waiting", TaskState.Queued);

        await site.Mes.CancelAsync("waiting");
        var final = await site.Mes.WaitForFinalAsync("waiting");

        Assert.Equal(TaskState.Cancelled, final.State);
        Assert.DoesNotContain(site.Mes.StatusesOf("waiting"), s => s.State == TaskState.Started);
        Assert.Equal(TaskState.Completed, (await site.Mes.WaitForFinalAsync("busy")).State);
    }

    [Fact]
    public async Task Cancel_RunningTask_TakesTheCancelPath()
    {
        await using var site = await SiteHarness.StartAsync(broker, "  - id: cell-1\n    kind: pick_place_cell\n    simulation: { step_time: 400ms, jitter: 0 }\n");
        await site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
        await site.Mes.WaitForAsync("t1", s => s.Step?.Name == "locate", "step locate");

        await site.Mes.CancelAsync("t1");
        var final = await site.Mes.WaitForFinalAsync("t1");

        Assert.Equal(TaskState.Cancelled, final.State);
        Assert.Contains(site.Mes.StatusesOf("t1"), s => s.Step?.Name == "home");
    }

    [Fact]
    public async Task Cancel_FinalTask_RepeatsItsFinalStatus()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);
        await site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
        await site.Mes.WaitForStateAsync("t1", TaskState.Completed);

        await site.Mes.CancelAsync("t1");

        await Eventually.TrueAsync(() => site.Mes.StatusesOf("t1").Count(s => s.State == TaskState.Completed) == 2, "completed repeated");
        Assert.DoesNotContain(site.Mes.StatusesOf("t1"), s => s.State == TaskState.Cancelled);
    }

    // Bad input: each gets its documented status and code, is counted, and leaves other tasks untouched.
    [Fact]
    public async Task Submit_NotJson_RejectedOnRejectionsTopicWithInvalidJson()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);

        await site.Mes.SubmitAsync("{\"task");

        await Eventually.TrueAsync(() => site.Mes.Unidentified.Count == 1, "a rejection");
        var rejection = site.Mes.Unidentified.Single();
        Assert.Equal((TaskState.Rejected, TaskErrorCodes.InvalidJson, 0L), (rejection.State, rejection.Error!.Code, rejection.Sequence));
        Assert.Equal(1, site.Counters.RejectedByCode[TaskErrorCodes.InvalidJson]);
    }

    [Theory]
    [InlineData("""{"taskId":"t1","taskType":"pick_place","priority":12}""", TaskErrorCodes.SchemaViolation, "/priority")]
    [InlineData("""{"taskId":"t1","taskType":"pick_place","colour":"red"}""", TaskErrorCodes.SchemaViolation, "colour")]
    [InlineData("""{"taskId":"t1","taskType":"pick_place","robotId":"cell-9","parameters":{"part":"a","from_bin":1,"to_bin":2}}""", TaskErrorCodes.UnknownRobot, "cell-9")]
    [InlineData("""{"taskId":"t1","taskType":"transfer","robotId":"cell-1"}""", TaskErrorCodes.UnsupportedTaskType, "cannot do 'transfer'")]
    [InlineData("""{"taskId":"t1","taskType":"weld"}""", TaskErrorCodes.UnsupportedTaskType, "No robot")]
    [InlineData("""{"taskId":"t1","taskType":"pick_place","parameters":{"part":"a","from_bin":1,"to_bin":99}}""", TaskErrorCodes.InvalidParameter, "to_bin")]
    [InlineData("""{"taskId":"t1","taskType":"pick_place","parameters":{"part":"a","from_bin":1}}""", TaskErrorCodes.InvalidParameter, "'to_bin' is required")]
    public async Task Submit_Invalid_RejectedWithCodeOnTheTaskTopic(string json, string code, string mentioned)
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);

        await site.Mes.SubmitAsync(json);
        var rejection = await site.Mes.WaitForStateAsync("t1", TaskState.Rejected);

        Assert.Equal(code, rejection.Error!.Code);
        Assert.Contains(mentioned, rejection.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, rejection.Sequence);
        Assert.Equal(1, site.Counters.RejectedByCode[code]);
        Assert.Equal(0, site.Counters.AcceptedCount);
    }

    [Fact]
    public async Task Submit_PayloadOver256KB_RejectedAsTooLarge()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);

        await site.Mes.SubmitRawAsync(Encoding.UTF8.GetBytes("{\"taskId\":\"big\",\"pad\":\"" + new string('x', 300_000) + "\"}"));

        await Eventually.TrueAsync(() => site.Mes.Unidentified.Count == 1, "a rejection");
        Assert.Equal(TaskErrorCodes.PayloadTooLarge, site.Mes.Unidentified.Single().Error!.Code);
    }

    [Fact]
    public async Task Submit_SameIdDifferentContent_RejectedAsConflictAndOriginalUntouched()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);
        await site.Mes.SubmitAsync(PickPlace.Replace("ID", "t1", StringComparison.Ordinal));
        await site.Mes.WaitForStateAsync("t1", TaskState.Accepted);

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"pick_place","parameters":{"part":"other","from_bin":1,"to_bin":2}}""");
        var conflict = await site.Mes.WaitForStateAsync("t1", TaskState.Rejected);
        var done = await site.Mes.WaitForStateAsync("t1", TaskState.Completed);

        Assert.Equal((TaskErrorCodes.TaskIdConflict, 0L), (conflict.Error!.Code, conflict.Sequence));
        Assert.Single(site.Mes.StatusesOf("t1"), s => s.State == TaskState.Started);
        Assert.True(done.Sequence > 0);
    }

    [Fact]
    public async Task Cancel_UnknownTask_RejectedWithUnknownTask()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);

        await site.Mes.CancelAsync("ghost");
        var rejection = await site.Mes.WaitForStateAsync("ghost", TaskState.Rejected);

        Assert.Equal(TaskErrorCodes.UnknownTask, rejection.Error!.Code);
    }

    [Fact]
    public async Task Cancel_BodyIdDiffersFromTopic_RejectedAsSchemaViolation()
    {
        await using var site = await SiteHarness.StartAsync(broker, Cell);

        await site.Mes.CancelAsync("t1", bodyTaskId: "t2");
        var rejection = await site.Mes.WaitForStateAsync("t1", TaskState.Rejected);

        Assert.Equal(TaskErrorCodes.SchemaViolation, rejection.Error!.Code);
    }

    // The payload checks run ahead of the loop that accepts, on several lanes: verdicts are still taken in arrival order.
    [Fact]
    public async Task Submit_BurstOfInvalidThenValidThenConflicting_EachAnsweredInArrivalOrder()
    {
        const int Total = 300;
        await using var site = await SiteHarness.StartAsync(
            broker,
            "  - id: c1\n    kind: conveyor\n    simulation: { step_time: 0 }\n  - id: c2\n    kind: conveyor\n    simulation: { step_time: 0 }\n");

        var sends = new List<Task>();
        for (var i = 0; i < Total; i++)
        {
            sends.Add(site.Mes.SubmitAsync($$"""{"taskId":"o{{i}}","taskType":"index","robotId":"c1","priority":12}""").AsTask());
            sends.Add(site.Mes.SubmitAsync($$"""{"taskId":"o{{i}}","taskType":"index","robotId":"c1"}""").AsTask());
            sends.Add(site.Mes.SubmitAsync($$"""{"taskId":"o{{i}}","taskType":"index","robotId":"c2"}""").AsTask());
        }

        await Task.WhenAll(sends);
        for (var i = 0; i < Total; i++)
        {
            var done = await site.Mes.WaitForStateAsync($"o{i}", TaskState.Completed, TimeSpan.FromMinutes(2));
            await site.Mes.WaitForAsync($"o{i}", s => s.Error?.Code == TaskErrorCodes.TaskIdConflict, "the conflicting resubmission rejected");
            var statuses = site.Mes.StatusesOf($"o{i}");
            Assert.Equal("c1", done.RobotId);
            Assert.Equal((TaskState.Rejected, TaskErrorCodes.SchemaViolation), (statuses[0].State, statuses[0].Error!.Code));
            Assert.Single(statuses, s => s.State == TaskState.Rejected && s.Error!.Code == TaskErrorCodes.TaskIdConflict);
            Assert.Single(statuses, s => s.State == TaskState.Accepted);
            Assert.Single(statuses, s => s.State == TaskState.Started);
        }

        Assert.Equal(Total, site.Counters.AcceptedCount);
    }

    [Fact]
    public async Task Submit_TenThousandInOneSecond_EachAcceptedOrOverloadedAndEveryAcceptedCompletes()
    {
        const int Total = 10_000;
        await using var site = await SiteHarness.StartAsync(
            broker,
            "  - id: c1\n    kind: conveyor\n    simulation: { step_time: 0 }\n  - id: c2\n    kind: conveyor\n    simulation: { step_time: 0 }\n",
            "limits: { max_open_tasks: 1000 }\n");

        var sends = new List<Task>();
        for (var i = 0; i < Total; i++)
        {
            sends.Add(site.Mes.SubmitAsync($$"""{"taskId":"b{{i}}","taskType":"index"}""").AsTask());
        }

        await Task.WhenAll(sends);
        await Eventually.TrueAsync(
            () => Enumerable.Range(0, Total).All(i => site.Mes.StatusesOf($"b{i}").Any(s => s.State.IsFinal())),
            "a final status for every submission",
            TimeSpan.FromMinutes(3));

        var finals = Enumerable.Range(0, Total).Select(i => site.Mes.StatusesOf($"b{i}").Where(s => s.State.IsFinal()).ToList()).ToList();
        Assert.All(finals, f => Assert.Single(f));
        var overloaded = finals.Count(f => f[0].State == TaskState.Rejected);
        Assert.All(finals.Where(f => f[0].State == TaskState.Rejected), f => Assert.Equal(TaskErrorCodes.Overloaded, f[0].Error!.Code));
        Assert.All(finals.Where(f => f[0].State != TaskState.Rejected), f => Assert.Equal(TaskState.Completed, f[0].State));
        Assert.Equal(Total - overloaded, site.Counters.AcceptedCount);
        Assert.Equal(overloaded, site.Counters.RejectedByCode.GetValueOrDefault(TaskErrorCodes.Overloaded));
    }
}
