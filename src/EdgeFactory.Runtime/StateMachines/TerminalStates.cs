namespace EdgeFactory.Runtime.StateMachines;

/// <summary>Targets that end a task; they cannot be declared as states.</summary>
public static class TerminalStates
{
    /// <summary>The task finished; its result is reported.</summary>
    public const string Completed = "completed";

    /// <summary>The task could not finish.</summary>
    public const string Failed = "failed";

    /// <summary>The task was cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Whether <paramref name="name"/> is a terminal target.</summary>
    public static bool IsTerminal(string name) => name is Completed or Failed or Cancelled;
}
