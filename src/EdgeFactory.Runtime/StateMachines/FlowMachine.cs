using System.Text.Json;
using Stateless;

namespace EdgeFactory.Runtime.StateMachines;

/// <summary>
/// A task's flow as a Stateless machine. Declared outcomes are triggers, guards are <c>PermitIf</c> conditions made
/// mutually exclusive in the order the file lists them (the first that holds wins), entry and exit values are entry
/// and exit actions. Four triggers of the engine's own, which no flow file can name, lead to the failure and cancel
/// paths and to the failed and cancelled ends. Skills, timeouts and retries stay with <see cref="FlowRun"/>.
/// </summary>
internal sealed class FlowMachine
{
    /// <summary>Takes the flow's failure path (or ends it failed when it has none).</summary>
    public const string ToFailurePath = "@on_failure";

    /// <summary>Takes the flow's cancel path (or ends it cancelled when it has none).</summary>
    public const string ToCancelPath = "@on_cancel";

    /// <summary>Ends the task failed.</summary>
    public const string EndFailed = "@failed";

    /// <summary>Ends the task cancelled.</summary>
    public const string EndCancelled = "@cancelled";

    /// <summary>Pseudo-state of the graph export from which the failure and cancel paths are drawn.</summary>
    public const string AnyStep = "any_step";

    private const string Start = "@start";
    private const string Begin = "@begin";
    private readonly StateMachine<string, string> _machine;
    private string _state = Start;

    // What the current run supplies: where it starts, how its guards are judged and where entry and exit values go.
    // The machine's configuration reads them through these fields, so it is built once per flow and robot, not per task.
    private string _startAt = Start;
    private Func<Guard, bool> _holds = static _ => false;
    private Action<IReadOnlyDictionary<string, JsonElement>> _set = static _ => { };

    private FlowMachine(StateMachineDefinition flow)
    {
        Flow = flow;
        _machine = new StateMachine<string, string>(() => _state, s => _state = s);
        _machine.Configure(Start).PermitDynamic(Begin, () => _startAt);
        foreach (var state in flow.States.Values)
        {
            var configuration = _machine.Configure(state.Name)
                .OnEntry(() => _set(state.OnEntry))
                // A cancel leaves the state where it stood: its exit values were never earned.
                .OnExit(t => { if (t.Trigger != ToCancelPath) { _set(state.OnExit); } });
            Transitions(configuration, state, guard => _holds(guard), describe: false);
            Permit(configuration, state.Name, ToFailurePath, flow.FailurePath ?? TerminalStates.Failed);
            Permit(configuration, state.Name, ToCancelPath, flow.CancelPath ?? TerminalStates.Cancelled);
            Permit(configuration, state.Name, EndFailed, TerminalStates.Failed);
            Permit(configuration, state.Name, EndCancelled, TerminalStates.Cancelled);
        }
    }

    /// <summary>The flow this machine runs.</summary>
    public StateMachineDefinition Flow { get; }

    /// <summary>The current state: a declared one or a terminal target.</summary>
    public string State => _machine.State;

    /// <summary>A machine for <paramref name="flow"/>, ready for <see cref="Enter"/>; it serves one run at a time, run after run.</summary>
    public static FlowMachine For(StateMachineDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new FlowMachine(flow);
    }

    /// <summary>Takes the machine back to before the first state for a new run, entered at <paramref name="startAt"/> by <see cref="Enter"/>.</summary>
    public void Prepare(string startAt, Func<Guard, bool> holds, Action<IReadOnlyDictionary<string, JsonElement>> set)
    {
        ArgumentNullException.ThrowIfNull(startAt);
        (_startAt, _holds, _set) = (startAt, holds ?? throw new ArgumentNullException(nameof(holds)), set ?? throw new ArgumentNullException(nameof(set)));
        _state = Start;
    }

    /// <summary>A machine that describes the flow for its graph: each skill as its state's entry action, the failure and cancel paths from one <see cref="AnyStep"/> node.</summary>
    public static StateMachine<string, string> Describe(StateMachineDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var machine = new StateMachine<string, string>(flow.Initial);
        foreach (var name in flow.Order)
        {
            var state = flow.States[name];
            var configuration = machine.Configure(name);
            if (state.Skill is not null)
            {
                configuration.OnEntry(static () => { }, $"{state.Skill} ({Yaml.DurationText.Format(state.Timeout)}{(state.Retries > 0 ? $", {state.Retries} {(state.Retries == 1 ? "retry" : "retries")}" : string.Empty)})");
            }

            Transitions(configuration, state, static _ => true, describe: true);
        }

        machine.Configure(AnyStep)
            .Permit("failed / timeout", flow.FailurePath ?? TerminalStates.Failed)
            .Permit("cancel", flow.CancelPath ?? TerminalStates.Cancelled);
        return machine;
    }

    /// <summary>Enters the first state.</summary>
    public void Enter() => _machine.Fire(Begin);

    /// <summary>Whether <paramref name="trigger"/> leads anywhere from here with the values as they are.</summary>
    public bool CanFire(string trigger) => _machine.CanFire(trigger);

    /// <summary>Fires <paramref name="trigger"/>; <see cref="CanFire"/> must hold.</summary>
    public void Fire(string trigger) => _machine.Fire(trigger);

    private static void Transitions(StateMachine<string, string>.StateConfiguration configuration, StateDefinition state, Func<Guard, bool> holds, bool describe)
    {
        foreach (var byTrigger in state.Transitions.GroupBy(t => t.Trigger, StringComparer.Ordinal))
        {
            var choices = byTrigger.ToArray();
            for (var i = 0; i < choices.Length; i++)
            {
                var at = i;
                var choice = choices[i];

                // Stateless wants exactly one guard to hold; the file means "the first that holds", so each guard also requires every earlier one not to.
                bool Guard() => Holds(choice, holds) && !choices.Take(at).Any(earlier => Holds(earlier, holds));
                if (describe && choice.Guard is null)
                {
                    Permit(configuration, state.Name, choice.Trigger, choice.Target);
                    continue;
                }

                var description = choice.Guard?.Text ?? "otherwise";
                if (choice.Target == state.Name)
                {
                    configuration.PermitReentryIf(choice.Trigger, Guard, description);
                }
                else
                {
                    configuration.PermitIf(choice.Trigger, choice.Target, Guard, description);
                }
            }
        }
    }

    private static bool Holds(TransitionDefinition transition, Func<Guard, bool> holds) => transition.Guard is null || holds(transition.Guard);

    private static void Permit(StateMachine<string, string>.StateConfiguration configuration, string from, string trigger, string to)
    {
        if (to == from)
        {
            configuration.PermitReentry(trigger);
        }
        else
        {
            configuration.Permit(trigger, to);
        }
    }
}
