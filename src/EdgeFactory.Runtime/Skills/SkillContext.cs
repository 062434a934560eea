using System.Text.Json;

namespace EdgeFactory.Runtime.Skills;

/// <summary>What a skill attempt is for.</summary>
/// <param name="RobotId">Robot running it.</param>
/// <param name="TaskId">Task it is part of.</param>
/// <param name="Skill">Skill name from the task file.</param>
/// <param name="State">State of the task's flow that runs it.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Parameters">The task's parameters, defaults filled in.</param>
public sealed record SkillContext(
    string RobotId,
    string TaskId,
    string Skill,
    string State,
    int Attempt,
    IReadOnlyDictionary<string, JsonElement> Parameters)
{
    /// <summary>What the task's earlier steps reported so far (e.g. <c>vision.locate</c>'s <c>x</c>); empty when nothing yet.</summary>
    public IReadOnlyDictionary<string, JsonElement> Results { get; init; } = NoResults;

    private static readonly IReadOnlyDictionary<string, JsonElement> NoResults = new Dictionary<string, JsonElement>();
}
