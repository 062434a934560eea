using EdgeFactory.Runtime.StateMachines;

namespace EdgeFactory.Runtime.Execution;

/// <summary>What a robot's agent is told.</summary>
internal abstract record RobotMessage;

/// <summary>Queue an accepted task on this robot.</summary>
internal sealed record RunTask(TaskTicket Ticket) : RobotMessage;

/// <summary>The MES cancelled a task held by this robot.</summary>
internal sealed record CancelTask(TaskTicket Ticket) : RobotMessage;

/// <summary>The running flow ended: an outcome, or the exception that broke it. <paramref name="Run"/> tells a stale end (from before a restart) from the current one.</summary>
internal sealed record FlowEnded(TaskTicket Ticket, object Run, FlowOutcome? Outcome, Exception? Error) : RobotMessage;
