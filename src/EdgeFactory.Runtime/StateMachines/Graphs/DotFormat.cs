using System.Text;

namespace EdgeFactory.Runtime.StateMachines.Graphs;

/// <summary>Writes a <see cref="FlowGraph"/> as Graphviz DOT.</summary>
public static class DotFormat
{
    /// <summary>The DOT text of <paramref name="graph"/>.</summary>
    public static string Write(FlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var dot = new StringBuilder();
        dot.Append("digraph ").Append(Quote(graph.Name)).Append(" {\n");
        dot.Append("  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        foreach (var node in graph.Nodes)
        {
            var label = node.Detail is null ? node.Id : $"{node.Id}\\n{node.Detail}";
            var style = node.Role switch
            {
                FlowGraphNodeRole.Initial => "shape=box, style=\"rounded,bold\"",
                FlowGraphNodeRole.Recovery => "shape=box, style=\"rounded,dashed\"",
                FlowGraphNodeRole.Terminal => "shape=doublecircle",
                FlowGraphNodeRole.AnyStep => "shape=plaintext, fontcolor=gray40",
                _ => "shape=box, style=rounded",
            };
            dot.Append("  ").Append(Quote(node.Id)).Append(" [label=").Append(Quote(label)).Append(", ").Append(style).Append("];\n");
        }

        foreach (var edge in graph.Edges)
        {
            var style = edge.Role switch
            {
                FlowGraphEdgeRole.Failure => ", style=dashed, color=firebrick",
                FlowGraphEdgeRole.Cancel => ", style=dashed, color=darkorange",
                _ => string.Empty,
            };
            dot.Append("  ").Append(Quote(edge.From)).Append(" -> ").Append(Quote(edge.To)).Append(" [label=").Append(Quote(edge.Label)).Append(style).Append("];\n");
        }

        return dot.Append("}\n").ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
