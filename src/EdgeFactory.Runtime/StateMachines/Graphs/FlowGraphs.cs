using Stateless.Graph;

namespace EdgeFactory.Runtime.StateMachines.Graphs;

/// <summary>
/// A task's flow drawn by Stateless' own exporters from the machine's read-only model: skills as entry actions, guards
/// as guard descriptions, and the failure and cancel paths from one <c>any_step</c> node.
/// </summary>
public static class FlowGraphs
{
    /// <summary>Graphviz DOT (UML style).</summary>
    public static string Dot(StateMachineDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);

        // Named after the task type, so a file of several graphs (or Graphviz's window title) says which is which.
        var dot = UmlDotGraph.Format(FlowMachine.Describe(flow).GetInfo());
        return dot.StartsWith("digraph {", StringComparison.Ordinal) ? $"digraph \"{flow.Name}\" {{{dot["digraph {".Length..]}\n" : dot;
    }

    /// <summary>A Mermaid state diagram (renders in GitHub and most wikis), left to right.</summary>
    public static string Mermaid(StateMachineDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return MermaidGraph.Format(FlowMachine.Describe(flow).GetInfo(), MermaidGraphDirection.LeftToRight) + "\n";
    }
}
