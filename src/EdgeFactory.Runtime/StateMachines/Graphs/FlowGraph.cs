namespace EdgeFactory.Runtime.StateMachines.Graphs;

/// <summary>A flow as a plain graph, the neutral form the DOT and Mermaid formatters write.</summary>
/// <param name="Name">Flow name.</param>
/// <param name="Nodes">States and terminal targets, in report order.</param>
/// <param name="Edges">Transitions, plus the failure and cancel entries.</param>
public sealed record FlowGraph(string Name, IReadOnlyList<FlowGraphNode> Nodes, IReadOnlyList<FlowGraphEdge> Edges)
{
    /// <summary>Builds the graph of <paramref name="flow"/>.</summary>
    public static FlowGraph Of(StateMachineDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var nodes = new List<FlowGraphNode>();
        var edges = new List<FlowGraphEdge>();
        for (var i = 0; i < flow.Order.Count; i++)
        {
            var state = flow.States[flow.Order[i]];
            var detail = state.Skill is null ? null : $"{state.Skill} ({Yaml.DurationText.Format(state.Timeout)}{(state.Retries > 0 ? $", {state.Retries} {(state.Retries == 1 ? "retry" : "retries")}" : string.Empty)})";
            var role = i >= flow.MainFlowCount ? FlowGraphNodeRole.Recovery : FlowGraphNodeRole.Step;
            nodes.Add(new FlowGraphNode(state.Name, detail, state.Name == flow.Initial ? FlowGraphNodeRole.Initial : role));
            foreach (var transition in state.Transitions)
            {
                var label = transition.Guard is null ? transition.Trigger : $"{transition.Trigger} [{transition.Guard.Text}]";
                edges.Add(new FlowGraphEdge(state.Name, transition.Target, label, FlowGraphEdgeRole.Transition));
            }
        }

        var used = edges.Select(e => e.To).ToHashSet(StringComparer.Ordinal);
        if (flow.FailurePath is null)
        {
            used.Add(TerminalStates.Failed);
        }

        if (flow.CancelPath is null)
        {
            used.Add(TerminalStates.Cancelled);
        }

        foreach (var terminal in new[] { TerminalStates.Completed, TerminalStates.Failed, TerminalStates.Cancelled })
        {
            if (used.Contains(terminal))
            {
                nodes.Add(new FlowGraphNode(terminal, null, FlowGraphNodeRole.Terminal));
            }
        }

        // Any step can fail or be cancelled: one dashed edge from a "any step" marker says so without cluttering every state.
        nodes.Insert(0, new FlowGraphNode(FlowGraphNode.AnyStep, null, FlowGraphNodeRole.AnyStep));
        edges.Add(new FlowGraphEdge(FlowGraphNode.AnyStep, flow.FailurePath ?? TerminalStates.Failed, "failed / timeout", FlowGraphEdgeRole.Failure));
        edges.Add(new FlowGraphEdge(FlowGraphNode.AnyStep, flow.CancelPath ?? TerminalStates.Cancelled, "cancel", FlowGraphEdgeRole.Cancel));
        return new FlowGraph(flow.Name, nodes, edges);
    }
}
