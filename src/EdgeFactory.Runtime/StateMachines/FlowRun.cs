using System.Text.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Skills;

namespace EdgeFactory.Runtime.StateMachines;

/// <summary>
/// Runs one task through its flow on a <see cref="FlowMachine"/>: enter a state (its entry values), run its skill with
/// timeout and retries, fire the outcome as a trigger (the first transition whose guard holds wins; exit values are
/// set on leaving), move on. A step that fails or times out with no transition for it takes the failure path; a
/// cancel takes the cancel path. Shutdown (<c>stopping</c>) abandons the run where it stands, so the journal still
/// shows it running and recovery decides.
/// </summary>
public sealed class FlowRun
{
    private readonly StateMachineDefinition _flow;
    private readonly TimeProvider _time;
    private readonly FlowMachines? _machines;
    private readonly Dictionary<string, JsonElement> _results = new(StringComparer.Ordinal);

    /// <summary>Prepares a run; nothing happens until <see cref="RunAsync"/>.</summary>
    public FlowRun(StateMachineDefinition flow, TimeProvider time)
    {
        _flow = flow ?? throw new ArgumentNullException(nameof(flow));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Prepares a run on a machine borrowed from <paramref name="machines"/> (its robot's), given back when the run ends.</summary>
    internal FlowRun(StateMachineDefinition flow, TimeProvider time, FlowMachines machines)
        : this(flow, time) => _machines = machines;

    /// <summary>Runs to a terminal state.</summary>
    /// <param name="context">Robot, task and parameters.</param>
    /// <param name="skills">Where skills come from.</param>
    /// <param name="observer">Told of each state entered.</param>
    /// <param name="resumeAt">State to start in instead of the initial one (recovery after a restart).</param>
    /// <param name="cancelled">Fires when the MES cancels the task.</param>
    /// <param name="stopping">Fires on shutdown or when the robot's agent stops; throws <see cref="OperationCanceledException"/>.</param>
    public async Task<FlowOutcome> RunAsync(
        FlowContext context,
        ISkillCatalog skills,
        IFlowObserver observer,
        string? resumeAt,
        CancellationToken cancelled,
        CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(observer);
        // Cancelled before it began: straight to the cancel path, without the first step's entry values.
        var path = cancelled.IsCancellationRequested ? FlowPath.Cancel : FlowPath.Main;
        var start = path == FlowPath.Cancel ? _flow.CancelPath ?? TerminalStates.Cancelled
            : resumeAt is not null && _flow.States.ContainsKey(resumeAt) ? resumeAt : _flow.Initial;
        var machine = _machines?.Take(_flow) ?? FlowMachine.For(_flow);
        machine.Prepare(start, guard => guard.Holds(_results, context.Parameters), Set);
        try
        {
            return await RunOnAsync(machine, path, context, skills, observer, cancelled, stopping).ConfigureAwait(false);
        }
        finally
        {
            _machines?.Return(machine);
        }
    }

    private async Task<FlowOutcome> RunOnAsync(FlowMachine machine, FlowPath path, FlowContext context, ISkillCatalog skills, IFlowObserver observer, CancellationToken cancelled, CancellationToken stopping)
    {
        TaskError? error = null;
        stopping.ThrowIfCancellationRequested();
        machine.Enter();
        while (true)
        {
            stopping.ThrowIfCancellationRequested();
            if (path != FlowPath.Cancel && cancelled.IsCancellationRequested && !TerminalStates.IsTerminal(machine.State))
            {
                machine.Fire(FlowMachine.ToCancelPath);
                path = FlowPath.Cancel;
            }

            var state = machine.State;
            if (TerminalStates.IsTerminal(state))
            {
                return path switch
                {
                    FlowPath.Cancel => new FlowOutcome(TaskState.Cancelled, _results, null),
                    FlowPath.Failure => new FlowOutcome(TaskState.Failed, _results, error),
                    _ when state == TerminalStates.Completed => new FlowOutcome(TaskState.Completed, _results, null),
                    _ when state == TerminalStates.Cancelled => new FlowOutcome(TaskState.Cancelled, _results, null),
                    _ => new FlowOutcome(TaskState.Failed, _results, error ?? new TaskError(TaskErrorCodes.StepFailed, $"The flow of '{_flow.Name}' ended in '{TerminalStates.Failed}'.")),
                };
            }

            var definition = _flow.States[state];
            await observer.OnStateEnteredAsync(state, _flow.IndexOf(state), stopping).ConfigureAwait(false);

            // The cancel path itself is not cancellable: it is what makes the robot safe.
            var cancelToken = path == FlowPath.Cancel ? CancellationToken.None : cancelled;
            var (trigger, problem, stopCode) = await RunSkillAsync(definition, context, skills, cancelToken, stopping).ConfigureAwait(false);
            if (trigger is null)
            {
                continue; // cancelled: the top of the loop takes the cancel path
            }

            if (stopCode is not null)
            {
                // Nothing may move (an e-stop): neither a retry nor the failure or cancel path runs.
                error = new TaskError(stopCode, $"Step '{state}' stopped: {problem}");
                machine.Fire(path == FlowPath.Cancel ? FlowMachine.EndCancelled : FlowMachine.EndFailed);
                path = path == FlowPath.Cancel ? FlowPath.Cancel : FlowPath.Failure;
                continue;
            }

            if (machine.CanFire(trigger))
            {
                machine.Fire(trigger);
                continue;
            }

            error ??= trigger switch
            {
                Triggers.Timeout => new TaskError(TaskErrorCodes.StepTimeout, $"Step '{state}' did not finish within {Yaml.DurationText.Format(definition.Timeout)} after {definition.Retries + 1} attempt(s). {problem}".TrimEnd()),
                Triggers.Failed => new TaskError(TaskErrorCodes.StepFailed, $"Step '{state}' failed after {definition.Retries + 1} attempt(s): {problem}"),
                _ => new TaskError(TaskErrorCodes.StepFailed, $"Step '{state}' ended with '{trigger}', for which the flow has no transition."),
            };
            if (path == FlowPath.Main && _flow.FailurePath is not null)
            {
                machine.Fire(FlowMachine.ToFailurePath);
                path = FlowPath.Failure;
            }
            else
            {
                machine.Fire(path == FlowPath.Cancel ? FlowMachine.EndCancelled : FlowMachine.EndFailed);
                path = path == FlowPath.Cancel ? FlowPath.Cancel : FlowPath.Failure;
            }
        }
    }

    private async Task<(string? Trigger, string? Problem, string? StopCode)> RunSkillAsync(
        StateDefinition state,
        FlowContext context,
        ISkillCatalog skills,
        CancellationToken cancelled,
        CancellationToken stopping)
    {
        if (state.Skill is null)
        {
            return (Triggers.Done, null, null);
        }

        var skill = skills.Resolve(context.RobotId, state.Skill);
        string trigger = Triggers.Failed;
        string? problem = null;
        for (var attempt = 1; attempt <= state.Retries + 1; attempt++)
        {
            using var timeout = new CancellationTokenSource(state.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancelled, stopping);
            try
            {
                var result = await skill.RunAsync(Context(context, state, attempt), linked.Token).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    Set(result.Outputs);
                    return (result.Outcome, null, null);
                }

                if (result.StopCode is not null)
                {
                    return (Triggers.Failed, result.Error, result.StopCode);
                }

                (trigger, problem) = (Triggers.Failed, result.Error);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
            {
                return (null, null, null);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                (trigger, problem) = (Triggers.Timeout, null);
            }
        }

        return (trigger, problem, null);
    }

    // The results so far travel as a copy (a skill may keep its context), and only when there are any.
    private SkillContext Context(FlowContext context, StateDefinition state, int attempt)
    {
        var skill = new SkillContext(context.RobotId, context.TaskId, state.Skill!, state.Name, attempt, context.Parameters);
        return _results.Count == 0 ? skill : skill with { Results = new Dictionary<string, JsonElement>(_results, StringComparer.Ordinal) };
    }

    private void Set(IReadOnlyDictionary<string, JsonElement>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var (key, value) in values)
        {
            _results[key] = value;
        }
    }

    private enum FlowPath
    {
        Main,
        Failure,
        Cancel,
    }
}
