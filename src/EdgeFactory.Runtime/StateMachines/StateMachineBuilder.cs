namespace EdgeFactory.Runtime.StateMachines;

/// <summary>Collects a flow's states and checks it as a whole: every target exists, every state is reachable, the main flow can complete.</summary>
public sealed class StateMachineBuilder(string name)
{
    private readonly Dictionary<string, StateDefinition> _states = new(StringComparer.Ordinal);
    private readonly List<string> _declared = [];

    /// <summary>State entered first; defaults to the first one added.</summary>
    public string? Initial { get; set; }

    /// <summary>See <see cref="StateMachineDefinition.FailurePath"/>.</summary>
    public string? FailurePath { get; set; }

    /// <summary>See <see cref="StateMachineDefinition.CancelPath"/>.</summary>
    public string? CancelPath { get; set; }

    /// <summary>Adds a state; its name must be new and not a terminal target.</summary>
    public StateMachineBuilder Add(StateDefinition state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (TerminalStates.IsTerminal(state.Name))
        {
            throw new StateMachineDefinitionException($"'{state.Name}' ends a task and cannot be declared as a state", state.Name);
        }

        if (!_states.TryAdd(state.Name, state))
        {
            throw new StateMachineDefinitionException($"state '{state.Name}' is declared twice", state.Name);
        }

        _declared.Add(state.Name);
        return this;
    }

    /// <summary>Checks the flow and freezes it.</summary>
    public StateMachineDefinition Build()
    {
        if (_states.Count == 0)
        {
            throw new StateMachineDefinitionException($"task '{name}' needs at least one state");
        }

        var initial = Initial ?? _declared[0];
        RequireState(initial, "initial", null);
        if (FailurePath is not null)
        {
            RequireState(FailurePath, "on_failure", null);
        }

        if (CancelPath is not null)
        {
            RequireState(CancelPath, "on_cancel", null);
        }

        foreach (var state in _states.Values)
        {
            if (state.Transitions.Count == 0)
            {
                throw new StateMachineDefinitionException($"state '{state.Name}' has no transitions; add e.g. 'on: {{ done: {TerminalStates.Completed} }}'", state.Name);
            }

            if (!state.Transitions.Any(t => t.Trigger == Triggers.Done && t.Guard is null) && state.Skill is null)
            {
                throw new StateMachineDefinitionException($"state '{state.Name}' runs no skill, so it needs an unguarded 'done' transition", state.Name, Triggers.Done);
            }

            CheckChoices(state);
            foreach (var transition in state.Transitions)
            {
                if (!TerminalStates.IsTerminal(transition.Target) && !_states.ContainsKey(transition.Target))
                {
                    throw new StateMachineDefinitionException(
                        $"state '{state.Name}' goes to '{transition.Target}' on '{transition.Trigger}', but no such state exists; use a declared state or {TerminalStates.Completed}, {TerminalStates.Failed}, {TerminalStates.Cancelled}",
                        state.Name,
                        transition.Trigger);
                }
            }
        }

        var main = Reachable([initial]);
        if (!main.Any(s => _states[s].Transitions.Any(t => t.Target == TerminalStates.Completed)))
        {
            throw new StateMachineDefinitionException($"task '{name}' can never complete: no state reachable from '{initial}' goes to '{TerminalStates.Completed}'", initial);
        }

        var paths = Reachable([.. new[] { FailurePath, CancelPath }.OfType<string>()]).Where(s => !main.Contains(s)).ToList();
        var unreachable = _declared.FirstOrDefault(s => !main.Contains(s) && !paths.Contains(s));
        if (unreachable is not null)
        {
            throw new StateMachineDefinitionException($"state '{unreachable}' can never be entered: nothing leads to it from '{initial}', on_failure or on_cancel", unreachable);
        }

        return new StateMachineDefinition(name, initial, _states, FailurePath, CancelPath, [.. main, .. paths], main.Count);
    }

    // Each trigger's choices are tried in order, so a choice after an unguarded one, or with a condition an earlier
    // one already has, can never be taken: the file says something the flow would never do.
    private static void CheckChoices(StateDefinition state)
    {
        foreach (var choices in state.Transitions.GroupBy(t => t.Trigger, StringComparer.Ordinal))
        {
            if (choices.Key.StartsWith('@'))
            {
                throw new StateMachineDefinitionException($"state '{state.Name}' names trigger '{choices.Key}'; triggers are outcome names and cannot start with '@'", state.Name, choices.Key);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var unguarded = false;
            foreach (var choice in choices)
            {
                if (unguarded)
                {
                    throw new StateMachineDefinitionException($"state '{state.Name}' lists a choice for '{choices.Key}' after one without 'when', so it can never be taken; put the unconditional choice last", state.Name, choices.Key);
                }

                if (choice.Guard is null)
                {
                    unguarded = true;
                }
                else if (!seen.Add(choice.Guard.Text))
                {
                    throw new StateMachineDefinitionException($"state '{state.Name}' has two choices for '{choices.Key}' with the same condition '{choice.Guard.Text}'; the second can never be taken", state.Name, choices.Key);
                }
            }
        }
    }

    private void RequireState(string state, string key, string? trigger)
    {
        if (!_states.ContainsKey(state))
        {
            throw new StateMachineDefinitionException($"'{key}' names state '{state}', which is not declared", null, trigger);
        }
    }

    // Breadth-first, so the report order follows the flow as a reader would walk it.
    private List<string> Reachable(IEnumerable<string> from)
    {
        var seen = new List<string>();
        var queue = new Queue<string>(from);
        while (queue.TryDequeue(out var state))
        {
            if (seen.Contains(state))
            {
                continue;
            }

            seen.Add(state);
            foreach (var transition in _states[state].Transitions)
            {
                if (!TerminalStates.IsTerminal(transition.Target))
                {
                    queue.Enqueue(transition.Target);
                }
            }
        }

        return seen;
    }
}
