using System.Text.Json;

namespace EdgeFactory.Runtime.Skills.Vision;

/// <summary>
/// <c>vision.inspect</c>: reads the label of the part in view and reports <c>defects</c> 0 when it is the part the task
/// names (any readable label when it names none) and 1 otherwise, with the <c>label</c> read and its <c>confidence</c>.
/// </summary>
internal sealed class InspectSkill(SiteVision vision) : ISkill
{
    public async ValueTask<SkillResult> RunAsync(SkillContext context, CancellationToken cancellationToken)
    {
        var part = PartLabels.Expected(context);
        var (reading, failure) = await vision.ReadForAsync(context, part, cancellationToken).ConfigureAwait(false);
        if (reading is null)
        {
            return failure;
        }

        var (line, matches) = PartLabels.Pick(reading.Lines, part);
        return SkillResult.Done(new Dictionary<string, JsonElement>
        {
            ["defects"] = JsonSerializer.SerializeToElement(matches ? 0L : 1L, RuntimeJsonContext.Default.Int64),
            ["label"] = JsonSerializer.SerializeToElement(line?.Text ?? string.Empty, RuntimeJsonContext.Default.String),
            ["confidence"] = JsonSerializer.SerializeToElement(Math.Round(line?.Confidence ?? 0, 3), RuntimeJsonContext.Default.Double),
        });
    }
}
