namespace EdgeFactory.Runtime.Execution;

/// <summary>An open task as its owner holds it and hands it on: what was asked, and where it stands. Immutable.</summary>
/// <param name="Ticket">What was asked, and the robot assigned.</param>
/// <param name="Progress">Where it stands.</param>
internal sealed record OpenTask(TaskTicket Ticket, TaskProgress Progress)
{
    /// <summary>Task id.</summary>
    public string TaskId => Ticket.TaskId;
}
