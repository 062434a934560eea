using System.Collections.Concurrent;
using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.Execution;

/// <summary>
/// Every open (accepted, not final) task at the site as its owner last reported it, and how many each robot holds.
/// Entries are immutable snapshots that only <see cref="TaskReporter"/> replaces, on behalf of the task's owner of the
/// moment; others read them (the intake for idempotency and capacity, routing for load, a restarted robot actor for
/// the tasks it must take back).
/// </summary>
internal sealed class TaskBoard
{
    private readonly ConcurrentDictionary<string, OpenTask> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _load = new(StringComparer.Ordinal);

    private int _openCount;

    /// <summary>Open tasks; kept as a count because the dictionary's own count takes every one of its locks.</summary>
    public int OpenCount => Volatile.Read(ref _openCount);

    public OpenTask? Find(string taskId) => _open.TryGetValue(taskId, out var task) ? task : null;

    /// <summary>Adds an open task; false when the id is already open.</summary>
    public bool TryAdd(OpenTask task)
    {
        if (!_open.TryAdd(task.TaskId, task))
        {
            return false;
        }

        Interlocked.Increment(ref _openCount);
        Count(task.Ticket.RobotId, +1);
        return true;
    }

    /// <summary>Replaces a task's snapshot with its owner's newer one (another robot's included); a final one leaves the board.</summary>
    public void Update(OpenTask task)
    {
        if (!_open.TryGetValue(task.TaskId, out var earlier))
        {
            return;
        }

        if (task.Progress.State.IsFinal())
        {
            Remove(task.TaskId);
            return;
        }

        _open[task.TaskId] = task;
        if (earlier.Ticket.RobotId != task.Ticket.RobotId)
        {
            Count(earlier.Ticket.RobotId, -1);
            Count(task.Ticket.RobotId, +1);
        }
    }

    /// <summary>Removes a task (final, or never durably accepted).</summary>
    public void Remove(string taskId)
    {
        if (_open.TryRemove(taskId, out var removed))
        {
            Interlocked.Decrement(ref _openCount);
            Count(removed.Ticket.RobotId, -1);
        }
    }

    /// <summary>Open tasks a robot holds.</summary>
    public int LoadOf(string robotId) => _load.TryGetValue(robotId, out var load) ? load : 0;

    /// <summary>Open tasks assigned to <paramref name="robotId"/>, in acceptance order.</summary>
    public IReadOnlyList<OpenTask> AssignedTo(string robotId) =>
        _open.Values.Where(t => t.Ticket.RobotId == robotId).OrderBy(t => t.Ticket.AcceptOrder).ToList();

    private void Count(string? robotId, int delta)
    {
        if (robotId is not null)
        {
            _load.AddOrUpdate(robotId, delta, (_, load) => load + delta);
        }
    }
}
