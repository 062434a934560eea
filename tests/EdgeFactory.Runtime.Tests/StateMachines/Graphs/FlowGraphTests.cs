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
        AssertGolden($"{kind}.{task}.golden.dot", DotFormat.Write(Graph(kind, task)));

    [Theory]
    [InlineData("humanoid", "pick_place")]
    [InlineData("humanoid", "inspect")]
    [InlineData("conveyor", "index")]
    public void Mermaid_MatchesGoldenFile(string kind, string task) =>
        AssertGolden($"{kind}.{task}.golden.mmd", MermaidFormat.Write(Graph(kind, task)));

    [Fact]
    public void Of_NoFailurePath_DrawsFailedAndCancelledAsTerminals()
    {
        var graph = Graph("conveyor", "index");

        Assert.Contains(graph.Nodes, n => n.Id == "failed" && n.Role == FlowGraphNodeRole.Terminal);
        Assert.Contains(graph.Edges, e => e.From == FlowGraphNode.AnyStep && e.To == "cancelled" && e.Role == FlowGraphEdgeRole.Cancel);
    }

    private static FlowGraph Graph(string kind, string task) =>
        FlowGraph.Of(RobotKindFile.Load(RepositoryPaths.Of("robots", "kinds", kind + ".yaml")).Tasks[task].Flow);

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
