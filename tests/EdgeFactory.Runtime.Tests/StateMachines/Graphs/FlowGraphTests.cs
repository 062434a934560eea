using EdgeFactory.Runtime.StateMachines;
using EdgeFactory.Runtime.StateMachines.Graphs;
using EdgeFactory.Runtime.TaskTypes;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.StateMachines.Graphs;

/// <summary>Golden files: run with EDGEFACTORY_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.</summary>
public sealed class FlowGraphTests
{
    [Theory]
    [InlineData("humanoid", "pick_place")]
    [InlineData("humanoid", "inspect")]
    [InlineData("conveyor", "index")]
    public void Dot_MatchesGoldenFile(string kind, string task) =>
        AssertGolden($"{kind}.{task}.golden.dot", FlowGraphs.Dot(Flow(kind, task)));

    [Theory]
    [InlineData("humanoid", "pick_place")]
    [InlineData("humanoid", "inspect")]
    [InlineData("conveyor", "index")]
    public void Mermaid_MatchesGoldenFile(string kind, string task) =>
        AssertGolden($"{kind}.{task}.golden.mmd", FlowGraphs.Mermaid(Flow(kind, task)));

    [Fact]
    public void Dot_NoFailurePath_DrawsFailedAndCancelledFromAnyStep()
    {
        var dot = FlowGraphs.Dot(Flow("conveyor", "index"));

        Assert.Contains("\"any_step\" -> \"failed\"", dot, StringComparison.Ordinal);
        Assert.Contains("\"any_step\" -> \"cancelled\"", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_GuardedChoices_ShowTheirConditions()
    {
        var dot = FlowGraphs.Dot(Flow("humanoid", "inspect"));

        Assert.Contains("result.defects > 0", dot, StringComparison.Ordinal);
    }

    private static StateMachineDefinition Flow(string kind, string task) =>
        RobotKindFile.Load(RepositoryPaths.Of("robots", "kinds", kind + ".yaml")).Tasks[task].Flow;

    private static void AssertGolden(string name, string actual)
    {
        var source = RepositoryPaths.Of("tests", "EdgeFactory.Runtime.Tests", "StateMachines", "Graphs", name);
        if (Environment.GetEnvironmentVariable("EDGEFACTORY_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
        }

        Assert.True(File.Exists(source), $"Golden file {name} is missing; run with EDGEFACTORY_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(source), actual);
    }
}
