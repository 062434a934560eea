namespace EdgeFactory.Contracts.Tasks;

/// <summary>Facts about task states that every consumer must agree on.</summary>
public static class TaskStateExtensions
{
    /// <summary>Whether no further status follows this one for the task.</summary>
    public static bool IsFinal(this TaskState state) =>
        state is TaskState.Rejected or TaskState.Completed or TaskState.Failed or TaskState.Cancelled;
}
