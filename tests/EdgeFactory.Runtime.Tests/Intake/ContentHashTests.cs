using System.Text.Json;
using EdgeFactory.Contracts.Json;
using EdgeFactory.Runtime.Intake;
using EdgeFactory.Runtime.TaskTypes;
using EdgeFactory.Testing;

namespace EdgeFactory.Runtime.Tests.Intake;

public sealed class ContentHashTests
{
    private static readonly TaskTypeDefinition Cell = RobotKindFile.Load(RepositoryPaths.Of("robots", "kinds", "pick_place_cell.yaml")).Tasks["pick_place"];
    private static readonly TaskTypeDefinition Humanoid = RobotKindFile.Load(RepositoryPaths.Of("robots", "kinds", "humanoid.yaml")).Tasks["pick_place"];

    [Fact]
    public void For_TheTypeItWasMadeWith_IsTheHashMadeAhead()
    {
        var submit = Submit();
        var ahead = new ContentHash(Cell, SubmissionHash.Of(submit, Cell));

        Assert.Same(ahead.Value, ahead.For(submit, Cell));
    }

    [Fact]
    public void For_AnotherType_IsTheHashOfThatType()
    {
        var submit = Submit();
        var ahead = new ContentHash(Cell, SubmissionHash.Of(submit, Cell));

        Assert.Equal(SubmissionHash.Of(submit, Humanoid), ahead.For(submit, Humanoid));
    }

    private static Contracts.Tasks.TaskSubmitMessage Submit() =>
        JsonSerializer.Deserialize("""{"taskId":"t1","taskType":"pick_place","parameters":{"part":"a","from_bin":1,"to_bin":2}}""", ContractsJsonContext.Default.TaskSubmitMessage)!;
}
