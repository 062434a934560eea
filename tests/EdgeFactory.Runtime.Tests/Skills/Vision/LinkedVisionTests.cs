using EdgeFactory.Contracts.Tasks;
using EdgeFactory.Runtime.Skills.Vision;
using EdgeFactory.Runtime.Tests.Intake;
using EdgeFactory.Runtime.Tests.Skills.Link;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Skills.Vision;

/// <summary>A robot on the robot link with a camera: its motion skills move real <c>robot-sim</c> controllers, its <c>vision.*</c> skills read its camera.</summary>
[Collection(RobotLinkCollection.Name)]
public sealed class LinkedVisionTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Sort_OnTheLinkWithACamera_MovesThenInspectsTheLabel()
    {
        await using var arm = await RobotSimProcess.StartAsync("arm", "--watchdog-ms", "500");
        await using var gripper = await RobotSimProcess.StartAsync("gripper", "--watchdog-ms", "500");
        var cell = $"  - id: cell-1\n    kind: pick_place_cell\n    link: {{ arm: {arm.Address}, gripper: {gripper.Address} }}\n    camera: {{ synthetic: {{ noise: 3, rotation: 4, mislabel_rate: 1 }} }}\n";
        var policies = $"policies:\n  arm_reach: {RepositoryPaths.Of("models", "policy", "arm_reach_v1.onnx")}\n  gripper: {RepositoryPaths.Of("models", "policy", "gripper_v1.onnx")}\n";
        await using var site = await SiteHarness.StartAsync(broker, cell, policies);

        await site.Mes.SubmitAsync("""{"taskId":"t1","taskType":"sort","robotId":"cell-1","parameters":{"part":"PN-4821-A7","reject_bin":20}}""");
        var final = await site.Mes.WaitForFinalAsync("t1", TimeSpan.FromSeconds(60));

        Assert.True(final.State == TaskState.Completed, $"{final.State}: {final.Error?.Message}");
        Assert.Equal(("reject", 1L), (final.Result!["verdict"].GetString(), final.Result["defects"].GetInt64()));
        Assert.True(final.Result["energy_wh"].GetDouble() > 0, "the arm moved on the link");
        Assert.Equal(1, site.Service<SiteVision>().Reads);
    }
}
