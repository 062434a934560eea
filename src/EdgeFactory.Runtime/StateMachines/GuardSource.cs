namespace EdgeFactory.Runtime.StateMachines;

/// <summary>What a <see cref="Guard"/> reads.</summary>
public enum GuardSource
{
    /// <summary>A value the task's skills or entry/exit actions produced so far.</summary>
    Result,

    /// <summary>A parameter of the task as submitted (with defaults filled in).</summary>
    Parameter,
}
