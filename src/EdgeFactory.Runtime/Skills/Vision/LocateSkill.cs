using System.Text.Json;

namespace EdgeFactory.Runtime.Skills.Vision;

/// <summary>
/// <c>vision.locate</c>: finds the label of the part the task names (or the clearest label when it names none) and reports
/// its box in image pixels (<c>centre_x</c>, <c>centre_y</c>, <c>box_width</c>, <c>box_height</c>, <c>angle</c> in degrees,
/// clockwise) and its position on the work plane in metres from the image centre (<c>x</c> right, <c>y</c> up). An
/// attempt that does not see the part fails, so the state's retries look again.
/// </summary>
internal sealed class LocateSkill(SiteVision vision) : ISkill
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
        if (line is null || !matches)
        {
            var seen = reading.Lines.Count == 0 ? "no text" : string.Join(", ", reading.Lines.Select(l => $"'{l.Text}'"));
            return SkillResult.Fail($"{context.Skill}: {(part is null ? "no label" : $"part '{part}'")} in view (read {seen} in frame {reading.Sequence})");
        }

        var box = line.Box;
        var metres = vision.Camera(context.RobotId).MetresPerPixel;
        return SkillResult.Done(new Dictionary<string, JsonElement>
        {
            ["label"] = Text(line.Text),
            ["confidence"] = Number(line.Confidence, 3),
            ["centre_x"] = Number(box.Centre.X, 1),
            ["centre_y"] = Number(box.Centre.Y, 1),
            ["box_width"] = Number(box.Width, 1),
            ["box_height"] = Number(box.Height, 1),
            ["angle"] = Number(box.AngleDegrees, 2),
            ["x"] = Number((box.Centre.X - (reading.Width / 2.0)) * metres, 5),
            ["y"] = Number(((reading.Height / 2.0) - box.Centre.Y) * metres, 5),
        });
    }

    private static JsonElement Text(string text) => JsonSerializer.SerializeToElement(text, RuntimeJsonContext.Default.String);

    private static JsonElement Number(double value, int digits) => JsonSerializer.SerializeToElement(Math.Round(value, digits), RuntimeJsonContext.Default.Double);
}
