using System.Text.Json;

namespace EdgeFactory.Runtime.StateMachines;

/// <summary>One state of a task's flow: the skill it runs on entry, how long and how often it may try, and where each outcome leads.</summary>
/// <param name="Name">State name, unique in its machine.</param>
/// <param name="Skill">Skill run on entry; null for a decision state that completes at once with <c>done</c>.</param>
/// <param name="Timeout">How long one attempt of the skill may take.</param>
/// <param name="Retries">Further attempts after a failed or timed-out one.</param>
/// <param name="OnEntry">Result values set on entering the state.</param>
/// <param name="OnExit">Result values set on leaving it.</param>
/// <param name="Transitions">Where each trigger leads, tried in order; the first whose guard holds wins.</param>
public sealed record StateDefinition(
    string Name,
    string? Skill,
    TimeSpan Timeout,
    int Retries,
    IReadOnlyDictionary<string, JsonElement> OnEntry,
    IReadOnlyDictionary<string, JsonElement> OnExit,
    IReadOnlyList<TransitionDefinition> Transitions);
