using System.Collections.Concurrent;

namespace EdgeFactory.Runtime.Execution;

/// <summary>Every open (accepted, not final) task at the site, and how many each robot holds.</summary>
internal sealed class TaskBoard
{
    private readonly ConcurrentDictionary<string, TaskTicket> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _load = new(StringComparer.Ordinal);

    public int OpenCount => _open.Count;

    public TaskTicket? Find(string taskId) => _open.TryGetValue(taskId, out var ticket) ? ticket : null;

    /// <summary>Adds an open task assigned to <see cref="TaskTicket.RobotId"/>; false when the id is already open.</summary>
    public bool TryAdd(TaskTicket ticket)
    {
        if (!_open.TryAdd(ticket.TaskId, ticket))
        {
            return false;
        }

        Count(ticket.RobotId, +1);
        return true;
    }

    /// <summary>Removes a task that became final.</summary>
    public void Remove(TaskTicket ticket)
    {
        if (_open.TryRemove(new KeyValuePair<string, TaskTicket>(ticket.TaskId, ticket)))
        {
            Count(ticket.RobotId, -1);
        }
    }

    /// <summary>Moves an open task to another robot.</summary>
    public void Reassign(TaskTicket ticket, string robotId)
    {
        Count(ticket.RobotId, -1);
        ticket.RobotId = robotId;
        Count(robotId, +1);
    }

    /// <summary>Open tasks a robot holds.</summary>
    public int LoadOf(string robotId) => _load.TryGetValue(robotId, out var load) ? load : 0;

    /// <summary>Open tasks assigned to <paramref name="robotId"/>, in acceptance order.</summary>
    public IReadOnlyList<TaskTicket> AssignedTo(string robotId) =>
        _open.Values.Where(t => t.RobotId == robotId).OrderBy(t => t.AcceptOrder).ToList();

    private void Count(string? robotId, int delta)
    {
        if (robotId is not null)
        {
            _load.AddOrUpdate(robotId, delta, (_, load) => load + delta);
        }
    }
}
