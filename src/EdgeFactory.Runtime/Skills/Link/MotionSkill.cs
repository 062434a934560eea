using System.Text.Json;
using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Motion;

namespace EdgeFactory.Runtime.Skills.Link;

/// <summary>
/// A skill that moves a robot on the link: its moves (kind file, <c>motion.skills</c>) one after the other. Its result
/// carries <c>energy_wh</c>, what the robot's controllers drew since the task started.
/// </summary>
internal sealed class MotionSkill(LinkedRobot robot, MotionSkillDefinition definition, Func<bool> emergencyStopped) : ISkill
{
    public async ValueTask<SkillResult> RunAsync(SkillContext context, CancellationToken cancellationToken)
    {
        if (emergencyStopped())
        {
            return SkillResult.Stop(TaskErrorCodes.EmergencyStop, MoveOutcome.EmergencyStop.Error!);
        }

        foreach (var move in definition.Moves)
        {
            var controller = robot.Controllers[move.Controller];
            var outcome = move switch
            {
                { Pose: { } pose } => await controller.ReachAsync(Target(pose, move, context), move.Grasp, emergencyStopped, cancellationToken).ConfigureAwait(false),
                { Speed: { } speed } => await controller.RunBeltAsync(
                    (float)(speed * Number(context, move.SpeedParameter)),
                    move.Distance is { } distance ? (float)(distance * Number(context, move.CountParameter)) : null,
                    move.UntilInput,
                    emergencyStopped,
                    cancellationToken).ConfigureAwait(false),
                { Output: { } bit } => controller.SetOutput(bit, move.OutputValue),
                _ => MoveOutcome.Failed("the move does nothing"),
            };
            if (outcome.EmergencyStopped)
            {
                return SkillResult.Stop(TaskErrorCodes.EmergencyStop, outcome.Error!);
            }

            if (!outcome.Succeeded)
            {
                return SkillResult.Fail($"{definition.Skill}: {outcome.Error}");
            }
        }

        return SkillResult.Done(new Dictionary<string, JsonElement>
        {
            ["energy_wh"] = JsonSerializer.SerializeToElement(Math.Round(robot.TaskJoules / 3600, 4), RuntimeJsonContext.Default.Double),
        });
    }

    // Joint 0 turns by the bin pitch per bin after the first; a task without the bin parameter works at bin 1.
    internal static float[] Target(IReadOnlyList<double> pose, MotionMove move, SkillContext context)
    {
        var target = pose.Select(p => (float)p).ToArray();
        if (move.BinParameter is { } bin && context.Parameters.TryGetValue(bin, out var value) && value.TryGetInt32(out var number))
        {
            target[0] += (float)((number - 1) * move.BinPitch);
        }

        // Where vision.locate saw the part, metres right of the camera's centre: turn the base toward it.
        if (move.LocateDistance is { } distance && context.Results.TryGetValue("x", out var located) && located.ValueKind == JsonValueKind.Number)
        {
            target[0] += (float)Math.Atan(located.GetDouble() / distance);
        }

        return target;
    }

    private static double Number(SkillContext context, string? parameter) =>
        parameter is not null && context.Parameters.TryGetValue(parameter, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 1;
}
