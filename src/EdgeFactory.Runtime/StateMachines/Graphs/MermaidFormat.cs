using System.Text;

namespace EdgeFactory.Runtime.StateMachines.Graphs;

/// <summary>Writes a <see cref="FlowGraph"/> as a Mermaid state diagram (renders in GitHub and most wikis).</summary>
public static class MermaidFormat
{
    /// <summary>The Mermaid text of <paramref name="graph"/>.</summary>
    public static string Write(FlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder("stateDiagram-v2\n");
        text.Append("  %% ").Append(graph.Name).Append('\n');
        foreach (var node in graph.Nodes)
        {
            if (node.Role == FlowGraphNodeRole.Terminal)
            {
                continue;
            }

            text.Append("  state \"").Append(node.Detail is null ? node.Id : $"{node.Id}<br/>{node.Detail}").Append("\" as ").Append(Id(node.Id)).Append('\n');
            if (node.Role == FlowGraphNodeRole.Initial)
            {
                text.Append("  [*] --> ").Append(Id(node.Id)).Append('\n');
            }
        }

        foreach (var edge in graph.Edges)
        {
            var target = graph.Nodes.Any(n => n.Id == edge.To && n.Role == FlowGraphNodeRole.Terminal) ? $"{Id(edge.To)}_end" : Id(edge.To);
            text.Append("  ").Append(Id(edge.From)).Append(" --> ").Append(target).Append(" : ").Append(edge.Label.Replace(":", "#58;", StringComparison.Ordinal)).Append('\n');
        }

        foreach (var node in graph.Nodes.Where(n => n.Role == FlowGraphNodeRole.Terminal))
        {
            text.Append("  state \"").Append(node.Id).Append("\" as ").Append(Id(node.Id)).Append("_end\n");
            text.Append("  ").Append(Id(node.Id)).Append("_end --> [*]\n");
        }

        return text.ToString();
    }

    private static string Id(string name) => name.Replace('.', '_').Replace('-', '_');
}
