using System.Text.Json;
using EdgeFactory.Runtime.Motion;
using EdgeFactory.Runtime.Skills;
using EdgeFactory.Runtime.Skills.Link;

namespace EdgeFactory.Runtime.Tests.Skills.Link;

public sealed class MotionSkillTests
{
    private static readonly double[] Pose = [-0.3, -1.0, 1.5, -2.07, -1.57, 0];

    [Fact]
    public void Target_TurnsJointZeroPerBinAndTowardWhatWasLocated()
    {
        var move = new MotionMove("arm") { Pose = Pose, BinParameter = "from_bin", BinPitch = 0.02, LocateDistance = 0.5 };
        var context = Context(new() { ["from_bin"] = Json(3) }) with { Results = new Dictionary<string, JsonElement> { ["x"] = Json(0.05) } };

        var target = MotionSkill.Target(Pose, move, context);

        Assert.Equal(-0.3 + (2 * 0.02) + Math.Atan(0.05 / 0.5), target[0], 5);
        Assert.Equal(Pose.Skip(1).Select(p => (float)p), target.Skip(1));
    }

    [Fact]
    public void Target_WithoutALocateResultOrBin_IsThePose()
    {
        var move = new MotionMove("arm") { Pose = Pose, BinParameter = "from_bin", LocateDistance = 0.5 };

        var target = MotionSkill.Target(Pose, move, Context([]));

        Assert.Equal(Pose.Select(p => (float)p), target);
    }

    private static SkillContext Context(Dictionary<string, JsonElement> parameters) => new("cell-1", "t1", "gripper.pick", "pick", 1, parameters);

    private static JsonElement Json(double value) => JsonSerializer.SerializeToElement(value);
}
