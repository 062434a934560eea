namespace EdgeFactory.Runtime.Execution;

/// <summary>A status made: the task as it now stands, for its owner to keep, and the status's journal write.</summary>
/// <param name="Task">The task with its new progress.</param>
/// <param name="Durable">Completes when the status is committed (it is published right after); faults if the journal failed, which the journal logs.</param>
internal readonly record struct Reported(OpenTask Task, Task Durable);
