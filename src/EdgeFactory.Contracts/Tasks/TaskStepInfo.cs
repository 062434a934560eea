namespace EdgeFactory.Contracts.Tasks;

/// <summary>The step a running task entered.</summary>
/// <param name="Name">Step name from the task definition.</param>
/// <param name="Index">Zero-based position of the step in the task's flow.</param>
/// <param name="Count">Number of steps in the task's main flow.</param>
public sealed record TaskStepInfo(string Name, int Index, int Count);
