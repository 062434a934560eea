using EdgeFactory.Runtime.TaskTypes;

namespace EdgeFactory.Runtime.Intake;

/// <summary>A submission's <see cref="SubmissionHash"/>, made ahead of the loop with the task type it presumed.</summary>
/// <param name="Type">The task type whose parameter defaults the hash used; it holds for a robot only if that robot has this very type.</param>
/// <param name="Value">The hash.</param>
internal sealed record ContentHash(TaskTypeDefinition Type, byte[] Value)
{
    /// <summary>The hash for a submission of <paramref name="type"/>: this one when made with that type, otherwise made now.</summary>
    public byte[] For(Contracts.Tasks.TaskSubmitMessage submit, TaskTypeDefinition type) =>
        ReferenceEquals(type, Type) ? Value : SubmissionHash.Of(submit, type);
}
