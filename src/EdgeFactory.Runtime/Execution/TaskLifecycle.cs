using EdgeFactory.Contracts.Tasks;
using Stateless;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// The task lifecycle (accepted → queued → started → step … → completed / failed / cancelled) as a Stateless
/// machine whose triggers are the states reported. Every status goes through <see cref="Allows"/> before it is made,
/// so an illegal transition (a second final status, a step of a task never started) cannot be reported. The machine
/// is configured once; its read-only model is turned into a table, so a report costs one array read instead of a
/// machine per task.
/// </summary>
internal static class TaskLifecycle
{
    private static readonly int Count = Enum.GetValues<TaskState>().Length;
    private static readonly bool[] Table = BuildTable();

    /// <summary>The lifecycle as a Stateless machine starting at <c>accepted</c>, for its graph and its table.</summary>
    public static StateMachine<TaskState, TaskState> Describe()
    {
        var machine = new StateMachine<TaskState, TaskState>(TaskState.Accepted);
        machine.Configure(TaskState.Accepted)
            .Permit(TaskState.Queued, TaskState.Queued)
            .Permit(TaskState.Cancelled, TaskState.Cancelled)
            .Permit(TaskState.Failed, TaskState.Failed);

        // Queued again when a faulted robot's tasks move to another robot.
        machine.Configure(TaskState.Queued)
            .PermitReentry(TaskState.Queued)
            .Permit(TaskState.Started, TaskState.Started)
            .Permit(TaskState.Cancelled, TaskState.Cancelled)
            .Permit(TaskState.Failed, TaskState.Failed);

        // Started again when a task resumes after a restart; queued again when its robot faulted.
        foreach (var running in new[] { TaskState.Started, TaskState.Step })
        {
            var configuration = machine.Configure(running);
            foreach (var next in new[] { TaskState.Started, TaskState.Step, TaskState.Queued, TaskState.Completed, TaskState.Failed, TaskState.Cancelled })
            {
                if (next == running)
                {
                    configuration.PermitReentry(next);
                }
                else
                {
                    configuration.Permit(next, next);
                }
            }
        }

        return machine;
    }

    /// <summary>Whether a task in <paramref name="from"/> may report <paramref name="to"/>.</summary>
    public static bool Allows(TaskState from, TaskState to) => Table[((int)from * Count) + (int)to];

    private static bool[] BuildTable()
    {
        var table = new bool[Count * Count];
        foreach (var state in Describe().GetInfo().States)
        {
            var from = (TaskState)state.UnderlyingState;
            foreach (var transition in state.FixedTransitions)
            {
                table[((int)from * Count) + (int)(TaskState)transition.DestinationState.UnderlyingState] = true;
            }
        }

        return table;
    }
}
