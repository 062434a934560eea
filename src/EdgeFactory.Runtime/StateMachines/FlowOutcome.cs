using System.Text.Json;
using EdgeFactory.Contracts.Tasks;

namespace EdgeFactory.Runtime.StateMachines;

/// <summary>How a run of a flow ended.</summary>
/// <param name="State">Completed, Failed or Cancelled.</param>
/// <param name="Results">Values the skills and entry/exit actions produced.</param>
/// <param name="Error">Why it failed, for <see cref="TaskState.Failed"/>.</param>
public sealed record FlowOutcome(TaskState State, IReadOnlyDictionary<string, JsonElement> Results, TaskError? Error);
