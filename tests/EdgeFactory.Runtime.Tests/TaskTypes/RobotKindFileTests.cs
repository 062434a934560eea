using System.Text.Json;
using EdgeFactory.Runtime.TaskTypes;
using EdgeFactory.Runtime.Yaml;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.TaskTypes;

public sealed class RobotKindFileTests
{
    private const string Minimal = "kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on: { done: completed }\n";

    [Theory]
    [InlineData("humanoid", "humanoid", new[] { "pick_place", "kit", "inspect" })]
    [InlineData("conveyor", "conveyor", new[] { "transfer", "index", "stop" })]
    [InlineData("pick_place_cell", "pick_place_cell", new[] { "pick_place", "sort" })]
    public void Load_ShippedKinds_HaveTheirTaskTypes(string file, string kind, string[] tasks)
    {
        var definition = RobotKindFile.Load(RepositoryPaths.Of("robots", "kinds", file + ".yaml"));

        Assert.Equal(kind, definition.Kind);
        Assert.Equal(tasks, definition.Tasks.Keys);
    }

    [Fact]
    public void Load_HumanoidPickPlace_ReadsFlowParametersAndRecovery()
    {
        var pickPlace = RobotKindFile.Load(RepositoryPaths.Of("robots", "kinds", "humanoid.yaml")).Tasks["pick_place"];

        Assert.Equal(RecoveryPolicy.Resume, pickPlace.Recovery);
        Assert.Equal("locate", pickPlace.Flow.Initial);
        Assert.Equal(["locate", "grasp", "place", "release"], pickPlace.Flow.Order);
        Assert.Equal(3, pickPlace.Flow.MainFlowCount);
        Assert.Equal("release", pickPlace.Flow.FailurePath);
        Assert.Equal(TimeSpan.FromSeconds(2), pickPlace.Flow.States["locate"].Timeout);
        Assert.Equal(2, pickPlace.Flow.States["locate"].Retries);
        Assert.Equal(30, pickPlace.Parameters.Single(p => p.Name == "grip_force").Default!.Value.GetDouble());
    }

    [Fact]
    public void Bind_FillsDefaultsAndChecksRanges()
    {
        var pickPlace = RobotKindFile.Load(RepositoryPaths.Of("robots", "kinds", "humanoid.yaml")).Tasks["pick_place"];
        var given = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"part":"bracket","from_bin":3,"to_bin":12}""")!;

        var (values, problem) = pickPlace.Bind(given);

        Assert.Null(problem);
        Assert.Equal(30, values["grip_force"].GetDouble());
    }

    [Theory]
    [InlineData("""{"part":"b","from_bin":3}""", "'to_bin' is required")]
    [InlineData("""{"part":"b","from_bin":3,"to_bin":49}""", "allowed range is 1 to 48")]
    [InlineData("""{"part":"b","from_bin":3.5,"to_bin":4}""", "whole number")]
    [InlineData("""{"part":7,"from_bin":3,"to_bin":4}""", "'part' must be text")]
    [InlineData("""{"part":"b","from_bin":3,"to_bin":4,"speed":2}""", "has no parameter 'speed'")]
    public void Bind_BadParameters_SaysWhichAndWhy(string json, string expected)
    {
        var pickPlace = RobotKindFile.Load(RepositoryPaths.Of("robots", "kinds", "humanoid.yaml")).Tasks["pick_place"];

        var (_, problem) = pickPlace.Bind(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Minimal_DefaultsTimeoutAndInitial()
    {
        var index = RobotKindFile.Parse(Minimal, "kinds/conveyor.yaml").Tasks["index"];

        Assert.Equal("advance", index.Flow.Initial);
        Assert.Equal(TimeSpan.FromSeconds(30), index.Flow.States["advance"].Timeout);
    }

    [Theory]
    [InlineData("kind: Fork Lift\ntasks: {}\n", 1, 7, "kind 'Fork Lift' must be lower-case")]
    [InlineData("kind: conveyor\ntasks:\n  Index:\n    states: {}\n", 3, 3, "task type 'Index'")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on: { done: nowhere }\n", 7, 15, "no such state exists")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        timeout: soon\n        on: { done: completed }\n", 7, 18, "must be a duration")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on: { done: completed }\n      orphan:\n        skill: belt.stop\n        on: { done: completed }\n", 8, 7, "can never be entered")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on: { done: advance }\n", 5, 7, "can never complete")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    initial: start\n    states:\n      advance:\n        skill: belt.index\n        on: { done: completed }\n", 4, 14, "'initial' names state 'start'")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    on_failure: park\n    states:\n      advance:\n        skill: belt.index\n        on: { done: completed }\n", 4, 17, "'on_failure' names state 'park'")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on:\n          done:\n            - when: result.x ~ 3\n              to: completed\n", 9, 21, "must read 'result.NAME OP VALUE'")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    parameters:\n      pitches: { type: integer, min: 1, max: 10, default: 20 }\n    states:\n      advance:\n        skill: belt.index\n        on: { done: completed }\n", 5, 59, "the default does not fit")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    parameters:\n      pitches: { type: decimal }\n    states:\n      advance:\n        skill: belt.index\n        on: { done: completed }\n", 5, 24, "type 'decimal'")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skil: belt.index\n        on: { done: completed }\n", 6, 9, "unknown key 'skil'")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      completed:\n        skill: belt.index\n        on: { done: failed }\n", 5, 7, "cannot be declared as a state")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on:\n          done:\n            - when: params.speed > 1\n              to: completed\n            - to: failed\n", 9, 21, "reads parameter 'speed', which this task does not declare")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on:\n          done:\n            - to: completed\n            - to: failed\n", 8, 11, "after one without 'when'")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on:\n          done:\n            - when: result.x > 1\n              to: completed\n            - when: result.x > 1\n              to: failed\n            - to: completed\n", 8, 11, "the same condition 'result.x > 1'")]
    [InlineData("kind: conveyor\ntasks:\n  index:\n    states:\n      advance:\n        skill: belt.index\n        on: { done: completed, done: failed }\n", 7, 32, "done")]
    public void Parse_Invalid_NamesFileLineAndColumn(string yaml, int line, int column, string problem)
    {
        var error = Assert.Throws<YamlFileException>(() => RobotKindFile.Parse(yaml, "kinds/bad.yaml"));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), ((int)error.Line, (int)error.Column));
        Assert.StartsWith($"kinds/bad.yaml:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }
}
