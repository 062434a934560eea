using EdgeFactory.Runtime.StateMachines;

namespace EdgeFactory.Runtime.Execution;

/// <summary>What a robot's actor is told.</summary>
internal abstract record RobotMessage;

/// <summary>Queue an accepted task on this robot, which owns its progress from now on.</summary>
internal sealed record RunTask(OpenTask Task) : RobotMessage;

/// <summary>The MES cancelled a task held by this robot (its ticket's cancel signal is already tripped).</summary>
internal sealed record CancelTask(string TaskId) : RobotMessage;

/// <summary>The running flow entered a step: the actor reports it and answers <paramref name="Reported"/> with the report's durability (the flow waits for that before the skill moves). <paramref name="Run"/> tells a stale run from the current one.</summary>
internal sealed record StepEntered(object Run, string State, int Index, TaskCompletionSource<Task> Reported) : RobotMessage;

/// <summary>The running flow ended: an outcome, or the exception that broke it. <paramref name="Run"/> tells a stale end (from before a restart) from the current one.</summary>
internal sealed record FlowEnded(object Run, FlowOutcome? Outcome, Exception? Error) : RobotMessage;

/// <summary>The acceptance of the task the robot waits for is durable (or failed to be).</summary>
internal sealed record AcceptanceSettled(string TaskId, bool Durable) : RobotMessage;

/// <summary>Start or resume work: sent to itself on the first start, by the parent after a restart's backoff.</summary>
internal sealed record ResumeWork : RobotMessage
{
    /// <summary>The one instance.</summary>
    public static readonly ResumeWork Instance = new();
}

/// <summary>To the site: a robot's actor crashed and is being restarted.</summary>
internal sealed record RobotCrashed(string RobotId, Exception Reason);

/// <summary>To the site: deliver <paramref name="Message"/> to robot <paramref name="RobotId"/>.</summary>
internal sealed record ToRobot(string RobotId, RobotMessage Message);

/// <summary>To the site: stop every robot (the edge is stopping); none of them counts as faulted.</summary>
internal sealed record StopRobots
{
    /// <summary>The one instance.</summary>
    public static readonly StopRobots Instance = new();
}
