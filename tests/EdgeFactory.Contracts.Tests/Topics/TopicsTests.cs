using EdgeFactory.Contracts.Topics;
using Tp = EdgeFactory.Contracts.Topics.Topics;

namespace EdgeFactory.Contracts.Tests.Topics;

public sealed class TopicsTests
{
    public static TheoryData<string, TopicKind, string, string> Concrete() => new()
    {
        { Tp.TaskSubmit("demo"), TopicKind.TaskSubmit, "demo", "" },
        { Tp.TaskCancel("demo", "WO-1"), TopicKind.TaskCancel, "demo", "WO-1" },
        { Tp.TaskRejections("demo"), TopicKind.TaskRejections, "demo", "" },
        { Tp.TaskStatus("demo", "WO-1"), TopicKind.TaskStatus, "demo", "WO-1" },
        { Tp.RobotState("demo", "cell-1"), TopicKind.RobotState, "demo", "cell-1" },
        { Tp.EdgeOnline("demo", "jetson-1"), TopicKind.EdgeOnline, "demo", "jetson-1" },
        { Tp.EdgeDesired("demo", "jetson-1"), TopicKind.EdgeDesired, "demo", "jetson-1" },
        { Tp.EdgeReported("demo", "jetson-1"), TopicKind.EdgeReported, "demo", "jetson-1" },
        { Tp.EdgeTelemetry("demo", "jetson-1"), TopicKind.EdgeTelemetry, "demo", "jetson-1" },
        { Tp.FleetRevocations, TopicKind.FleetRevocations, "", "" },
    };

    [Theory]
    [MemberData(nameof(Concrete))]
    public void TryParse_BuiltTopic_GivesItsParts(string topic, TopicKind kind, string site, string id)
    {
        Assert.True(Tp.TryParse(topic, out var address));
        Assert.Equal(new TopicAddress(kind, site, id), address);
    }

    [Fact]
    public void Builders_FollowTheDocumentedNamespace()
    {
        Assert.Equal("ef/v1/demo/mes/tasks", Tp.TaskSubmit("demo"));
        Assert.Equal("ef/v1/demo/mes/tasks/WO-1/cancel", Tp.TaskCancel("demo", "WO-1"));
        Assert.Equal("ef/v1/demo/tasks/WO-1/status", Tp.TaskStatus("demo", "WO-1"));
        Assert.Equal("ef/v1/demo/robots/cell-1/state", Tp.RobotState("demo", "cell-1"));
        Assert.Equal("ef/v1/demo/edges/j1/online", Tp.EdgeOnline("demo", "j1"));
        Assert.Equal("ef/v1/fleet/revocations", Tp.FleetRevocations);
        Assert.Equal("ef/v1/demo/mes/tasks/+/cancel", Tp.AnyTaskCancel("demo"));
        Assert.Equal("ef/v1/demo/#", Tp.EverythingAt("demo"));
        Assert.Equal("ef/v1/demo/edges/j1/telemetry", Tp.EdgeTelemetry("demo", "j1"));
        Assert.Equal("$share/factory/ef/v1/+/edges/+/telemetry", Tp.SharedEdgeTelemetry("factory"));
    }

    [Theory]
    [InlineData("ef/v1/demo/robots/cell-1/state/extra")]
    [InlineData("ef/v2/demo/mes/tasks")]
    [InlineData("ef/v1/fleet/mes/tasks")]
    [InlineData("ef/v1/demo/robots/+/state")]
    [InlineData("ef/v1/demo/edges/j1/unknown")]
    [InlineData("ef/v1//mes/tasks")]
    [InlineData("other/topic")]
    public void TryParse_ForeignOrMalformed_IsFalse(string topic)
    {
        Assert.False(Tp.TryParse(topic, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a+")]
    [InlineData("#")]
    [InlineData("-leading")]
    [InlineData("fleet")]
    public void Builders_InvalidSite_Throw(string site)
    {
        Assert.Throws<ArgumentException>(() => Tp.TaskSubmit(site));
    }

    [Fact]
    public void Builders_OverlongId_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tp.TaskStatus("demo", new string('x', 65)));
        Assert.Contains("1 to 64", ex.Message, StringComparison.Ordinal);
    }
}
