using System.Text.Json;

namespace EdgeFactory.Runtime.Skills;

/// <summary>How a skill attempt ended.</summary>
/// <param name="Succeeded">Whether it worked; a failed attempt is retried while retries remain.</param>
/// <param name="Outcome">Trigger fired on success (<c>done</c>, or a skill-specific one such as <c>not_found</c>).</param>
/// <param name="Outputs">Values added to the task's results.</param>
/// <param name="Error">Why it failed, for people.</param>
public readonly record struct SkillResult(bool Succeeded, string Outcome, IReadOnlyDictionary<string, JsonElement>? Outputs, string? Error)
{
    /// <summary>Success with outcome <c>done</c>.</summary>
    public static SkillResult Done(IReadOnlyDictionary<string, JsonElement>? outputs = null) => new(true, StateMachines.Triggers.Done, outputs, null);

    /// <summary>
    /// The stable error code (<c>emergency_stop</c>) of a failure that ends the task as it stands: no retry and no failure
    /// path, because nothing may move; null for an ordinary failed attempt.
    /// </summary>
    public string? StopCode { get; init; }

    /// <summary>A failed attempt.</summary>
    public static SkillResult Fail(string error) => new(false, StateMachines.Triggers.Failed, null, error);

    /// <summary>A failure that ends the task at once with <paramref name="code"/> (see <see cref="StopCode"/>).</summary>
    public static SkillResult Stop(string code, string error) => new(false, StateMachines.Triggers.Failed, null, error) { StopCode = code };
}
