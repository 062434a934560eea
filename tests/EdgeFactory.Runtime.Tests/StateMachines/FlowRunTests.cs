using System.Text.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Skills;
using EdgeFactory.Runtime.StateMachines;
using EdgeFactory.Runtime.TaskTypes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeFactory.Runtime.Tests.StateMachines;

public sealed class FlowRunTests
{
    private const string Kind = """
        kind: humanoid
        tasks:
          job:
            parameters:
              fast: { type: boolean, optional: true }
            initial: locate
            on_failure: release
            on_cancel: safe_stop
            states:
              locate:
                skill: vision.locate
                timeout: 2s
                retries: 2
                on: { done: inspect, not_found: failed }
              inspect:
                skill: vision.inspect
                entry: { stage: inspecting }
                exit: { inspected: true }
                on:
                  done:
                    - when: result.defects > 0
                      to: reject
                    - when: params.fast == true
                      to: completed
                    - to: place
              place:
                skill: arm.place
                timeout: 4s
                on: { done: completed }
              reject:
                entry: { verdict: reject }
                on: { done: completed }
              release:
                skill: hands.release
                on: { done: failed }
              safe_stop:
                skill: arm.safe_stop
                on: { done: cancelled }
        """;

    private static readonly StateMachineDefinition Flow = RobotKindFile.Parse(Kind, "kind.yaml").Tasks["job"].Flow;

    [Fact]
    public async Task RunAsync_AllStepsSucceed_CompletesThroughEveryState()
    {
        var (outcome, entered, _) = await RunAsync(new ScriptedSkills());

        Assert.Equal(TaskState.Completed, outcome.State);
        Assert.Equal(["locate", "inspect", "place"], entered);
        Assert.Equal("inspecting", outcome.Results["stage"].GetString());
        Assert.True(outcome.Results["inspected"].GetBoolean());
    }

    [Fact]
    public async Task RunAsync_GuardOnResult_TakesFirstMatchingTransition()
    {
        var skills = new ScriptedSkills().Outputs("vision.inspect", """{"defects":1}""");

        var (outcome, entered, _) = await RunAsync(skills);

        Assert.Equal(["locate", "inspect", "reject"], entered);
        Assert.Equal("reject", outcome.Results["verdict"].GetString());
    }

    [Fact]
    public async Task RunAsync_GuardOnParameter_TakesItsTransition()
    {
        var (outcome, entered, _) = await RunAsync(new ScriptedSkills(), parameters: """{"fast":true}""");

        Assert.Equal(TaskState.Completed, outcome.State);
        Assert.Equal(["locate", "inspect"], entered);
    }

    [Fact]
    public async Task RunAsync_FailureWithinRetries_RetriesThenContinues()
    {
        var skills = new ScriptedSkills().Then("vision.locate", SkillResult.Fail("glare")).Then("vision.locate", SkillResult.Fail("glare"));

        var (outcome, _, _) = await RunAsync(skills);

        Assert.Equal(TaskState.Completed, outcome.State);
        Assert.Equal(["locate:1", "locate:2", "locate:3", "inspect:1", "place:1"], skills.Attempts);
    }

    [Fact]
    public async Task RunAsync_FailsAfterRetries_TakesFailurePathAndReportsStepFailed()
    {
        var skills = new ScriptedSkills();
        for (var i = 0; i < 3; i++)
        {
            skills.Then("vision.locate", SkillResult.Fail("camera dark"));
        }

        var (outcome, entered, _) = await RunAsync(skills);

        Assert.Equal(TaskState.Failed, outcome.State);
        Assert.Equal(["locate", "release"], entered);
        Assert.Equal(TaskErrorCodes.StepFailed, outcome.Error!.Code);
        Assert.Contains("camera dark", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SkillOutcomeWithTransition_FollowsIt()
    {
        var skills = new ScriptedSkills().Then("vision.locate", new SkillResult(true, "not_found", null, null));

        var (outcome, entered, _) = await RunAsync(skills);

        Assert.Equal(TaskState.Failed, outcome.State);
        Assert.Equal(["locate"], entered);
    }

    [Fact]
    public async Task RunAsync_StepTimesOut_RetriesThenFailsWithStepTimeout()
    {
        var time = new FakeTimeProvider();
        var skills = new ScriptedSkills().Hang("arm.place");
        var run = RunAsync(skills, time: time);
        await skills.Hanging.Task;
        time.Advance(TimeSpan.FromSeconds(4));

        var (outcome, entered, _) = await run;

        Assert.Equal(TaskState.Failed, outcome.State);
        Assert.Equal(TaskErrorCodes.StepTimeout, outcome.Error!.Code);
        Assert.Equal(["locate", "inspect", "place", "release"], entered);
    }

    [Fact]
    public async Task RunAsync_CancelDuringStep_TakesCancelPath()
    {
        using var cancel = new CancellationTokenSource();
        var skills = new ScriptedSkills().Hang("arm.place");
        var run = RunAsync(skills, cancel: cancel.Token);
        await skills.Hanging.Task;
        await cancel.CancelAsync();

        var (outcome, entered, _) = await run;

        Assert.Equal(TaskState.Cancelled, outcome.State);
        Assert.Equal(["locate", "inspect", "place", "safe_stop"], entered);
    }

    [Fact]
    public async Task RunAsync_Stopping_AbandonsWithoutOutcome()
    {
        using var stop = new CancellationTokenSource();
        var skills = new ScriptedSkills().Hang("arm.place");
        var run = RunAsync(skills, stopping: stop.Token);
        await skills.Hanging.Task;
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_ResumeAt_StartsInThatState()
    {
        var (outcome, entered, indices) = await RunAsync(new ScriptedSkills(), resumeAt: "place");

        Assert.Equal(TaskState.Completed, outcome.State);
        Assert.Equal(["place"], entered);
        Assert.Equal([3], indices);
    }

    [Fact]
    public async Task RunAsync_OnOneRobotsMachines_EachRunStartsAfreshWithItsOwnValues()
    {
        var machines = new FlowMachines();

        // A run that took the failure path, one judged by its result, one by its parameter, one resumed: the machine they share carries nothing over.
        var failed = await RunAsync(new ScriptedSkills().Then("vision.locate", new SkillResult(true, "not_found", null, null)), machines: machines);
        var rejected = await RunAsync(new ScriptedSkills().Outputs("vision.inspect", """{"defects":1}"""), machines: machines);
        var fast = await RunAsync(new ScriptedSkills(), parameters: """{"fast":true}""", machines: machines);
        var resumed = await RunAsync(new ScriptedSkills(), resumeAt: "place", machines: machines);

        Assert.Equal(TaskState.Failed, failed.Outcome.State);
        Assert.Equal(["locate"], failed.Entered);
        Assert.Equal(TaskState.Completed, rejected.Outcome.State);
        Assert.Equal(["locate", "inspect", "reject"], rejected.Entered);
        Assert.Equal(TaskState.Completed, fast.Outcome.State);
        Assert.Equal(["locate", "inspect"], fast.Entered);
        Assert.Equal(TaskState.Completed, resumed.Outcome.State);
        Assert.Equal(["place"], resumed.Entered);
        Assert.Equal("reject", rejected.Outcome.Results["verdict"].GetString());
        Assert.False(fast.Outcome.Results.ContainsKey("verdict"));
    }

    [Fact]
    public void FlowMachines_LendEachMachineToOneRunAtATime()
    {
        var machines = new FlowMachines();

        var first = machines.Take(Flow);
        var whileLent = machines.Take(Flow);
        machines.Return(first);

        Assert.NotSame(first, whileLent);
        Assert.Same(first, machines.Take(Flow));
    }

    private static async Task<(FlowOutcome Outcome, List<string> Entered, List<int> Indices)> RunAsync(
        ScriptedSkills skills,
        string parameters = "{}",
        TimeProvider? time = null,
        string? resumeAt = null,
        CancellationToken cancel = default,
        CancellationToken stopping = default,
        FlowMachines? machines = null)
    {
        var observer = new RecordingObserver();
        var context = new FlowContext("r1", "t1", JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(parameters)!);
        var run = machines is null ? new FlowRun(Flow, time ?? TimeProvider.System) : new FlowRun(Flow, time ?? TimeProvider.System, machines);
        var outcome = await run.RunAsync(context, skills, observer, resumeAt, cancel, stopping);
        return (outcome, observer.States, observer.Indices);
    }

    private sealed class RecordingObserver : IFlowObserver
    {
        public List<string> States { get; } = [];

        public List<int> Indices { get; } = [];

        public ValueTask OnStateEnteredAsync(string state, int index, CancellationToken cancellationToken)
        {
            States.Add(state);
            Indices.Add(index);
            return ValueTask.CompletedTask;
        }
    }
}
