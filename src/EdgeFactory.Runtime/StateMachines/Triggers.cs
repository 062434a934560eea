namespace EdgeFactory.Runtime.StateMachines;

/// <summary>The triggers the engine itself fires besides the outcomes skills name.</summary>
public static class Triggers
{
    /// <summary>The skill succeeded (the usual outcome).</summary>
    public const string Done = "done";

    /// <summary>Every attempt of the skill failed.</summary>
    public const string Failed = "failed";

    /// <summary>The last attempt of the skill ran past the state's timeout.</summary>
    public const string Timeout = "timeout";
}
