using System.Text.Json;

namespace EdgeFactory.Runtime.Skills;

/// <summary>
/// A skill of a simulated robot: takes about <see cref="SimulationOptions.StepTime"/>, fails at
/// <see cref="SimulationOptions.FailureRate"/>, and for inspections reports <c>defects</c>.
/// </summary>
internal sealed class SimulatedSkill(SimulationOptions options, TimeProvider time) : ISkill
{
    private static readonly JsonElement NoDefect = JsonSerializer.SerializeToElement(0L, RuntimeJsonContext.Default.Int64);
    private static readonly JsonElement OneDefect = JsonSerializer.SerializeToElement(1L, RuntimeJsonContext.Default.Int64);
    private static readonly IReadOnlyDictionary<string, JsonElement> Clean = new Dictionary<string, JsonElement> { ["defects"] = NoDefect };
    private static readonly IReadOnlyDictionary<string, JsonElement> Defective = new Dictionary<string, JsonElement> { ["defects"] = OneDefect };

    public async ValueTask<SkillResult> RunAsync(SkillContext context, CancellationToken cancellationToken)
    {
        if (options.StepTime > TimeSpan.Zero)
        {
            var spread = 1 + (options.Jitter * ((Random.Shared.NextDouble() * 2) - 1));
            await Task.Delay(options.StepTime * spread, time, cancellationToken).ConfigureAwait(false);
        }

        if (options.FailureRate > 0 && Random.Shared.NextDouble() < options.FailureRate)
        {
            return SkillResult.Fail($"simulated {context.Skill} failed on attempt {context.Attempt}");
        }

        if (context.Skill.EndsWith("inspect", StringComparison.Ordinal))
        {
            return SkillResult.Done(options.DefectRate > 0 && Random.Shared.NextDouble() < options.DefectRate ? Defective : Clean);
        }

        return SkillResult.Done();
    }
}
