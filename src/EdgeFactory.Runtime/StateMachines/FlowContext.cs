using System.Text.Json;

namespace EdgeFactory.Runtime.StateMachines;

/// <summary>Who runs a flow, for which task, with which parameters.</summary>
/// <param name="RobotId">Robot running it.</param>
/// <param name="TaskId">Task id.</param>
/// <param name="Parameters">Parameters with defaults filled in.</param>
public sealed record FlowContext(string RobotId, string TaskId, IReadOnlyDictionary<string, JsonElement> Parameters);
