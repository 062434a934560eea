using System.Collections.Concurrent;
using System.Text.Json;
using EdgeFactory.Runtime.Skills;

namespace EdgeFactory.Runtime.Tests.StateMachines;

/// <summary>Skills whose attempts follow a script per skill name: a result, "hang" (wait until cancelled), or done when the script runs out.</summary>
internal sealed class ScriptedSkills : ISkillCatalog, ISkill
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<SkillResult?>>> _scripts = new(StringComparer.Ordinal);

    public List<string> Attempts { get; } = [];

    /// <summary>Completes when the first scripted hang starts.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedSkills Then(string skill, SkillResult result) => Add(skill, () => result);

    public ScriptedSkills Hang(string skill) => Add(skill, () => null);

    public ScriptedSkills Outputs(string skill, string json) =>
        Add(skill, () => SkillResult.Done(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)));

    public ISkill Resolve(string robotId, string skill) => this;

    public async ValueTask<SkillResult> RunAsync(SkillContext context, CancellationToken cancellationToken)
    {
        lock (Attempts)
        {
            Attempts.Add($"{context.State}:{context.Attempt}");
        }

        if (_scripts.TryGetValue(context.Skill, out var queue) && queue.TryDequeue(out var next))
        {
            if (next() is { } result)
            {
                return result;
            }

            Hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return SkillResult.Done();
    }

    private ScriptedSkills Add(string skill, Func<SkillResult?> step)
    {
        _scripts.GetOrAdd(skill, _ => new ConcurrentQueue<Func<SkillResult?>>()).Enqueue(step);
        return this;
    }
}
